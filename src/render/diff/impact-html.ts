import type { DiffReport } from "../../domain/diff/report.js";
import {
  failedSideText,
  type ImpactSection,
  type InstallableFailure,
  type InstallableImpact,
  type InstallableResult,
  type VersionChange,
} from "../../domain/impact/model.js";
import { code, h, link } from "../html/escape.js";
import { NONE, counts, fold, plural, section, stateLabel, table, type Html } from "../html/parts.js";
import { impactSummary, licencesNotComparedText, lockMoves, presenceText, reasonText } from "./impact-view.js";

/**
 * The impact part of `diff --format html`: per installable, the package changes of its derivation
 * closure, from the same `impact` section the JSON carries. A page has no size limit like a PR
 * comment, so every entry is on it (the counts equal the JSON's); long lists start folded.
 */

/** A list or table longer than this starts folded, so one large installable does not bury the rest. */
const OPEN_UP_TO = 25;

const versions = (vs: readonly string[]): Html => (vs.length > 0 ? vs.map(code).join(", ") : NONE);

const DIRECTION = {
  upgrade: stateLabel("ok", "upgrade"),
  downgrade: stateLabel("bad", "downgrade"),
  same: stateLabel("none", "older versions only"),
} as const;

/** The new upstream source: its URL as a link when it may be one, its revision and hash. */
function sourceCell(v: VersionChange): Html {
  const s = v.source;
  if (s === undefined) return NONE;
  return [
    s.url !== undefined ? link(s.url) : code(s.name),
    ...(s.rev !== undefined ? [`rev ${code(s.rev)}`] : []),
    ...(s.hash !== undefined ? [code(s.hash)] : []),
  ].join("<br>");
}

const patchesCell = (v: VersionChange): Html => {
  const all = [...v.patchesAdded.map((p) => `+ ${code(p)}`), ...v.patchesRemoved.map((p) => `− ${code(p)}`)];
  return all.length > 0 ? all.join("<br>") : NONE;
};

/** A list in a fold (open while short): `cls` marks each item for the browser test's counts. */
function listFold(title: string, cls: string, items: readonly Html[]): Html {
  if (items.length === 0) return "";
  const list = `<ul>${items.map((i) => `<li class="${cls}">${i}</li>`).join("\n")}</ul>`;
  return fold(h(`${title} (${items.length})`), list, items.length <= OPEN_UP_TO);
}

function versionTable(i: InstallableImpact): Html {
  if (i.versionChanges.length === 0) return "";
  const rows = i.versionChanges.map((v) => [
    code(v.name),
    versions(v.from),
    versions(v.to),
    DIRECTION[v.direction],
    patchesCell(v),
    sourceCell(v),
  ]);
  const t = table(
    `Version changes in ${i.installable}`,
    ["package", "old", "new", "change", "patches", "new source"],
    rows,
    { rowClass: "version-change" },
  );
  return fold(h(`Version changes (${rows.length})`), t, rows.length <= OPEN_UP_TO);
}

/** Licence changes (without meta files they were not compared: the section's gap says so once). */
function licenceBlock(i: InstallableImpact): Html {
  if (i.licences === undefined) return "";
  const notCompared = licencesNotComparedText(i);
  const gap = notCompared !== undefined ? `<p><strong>Not known:</strong> ${h(notCompared)}.</p>` : "";
  if (i.licences.length === 0)
    return `<p>${notCompared !== undefined ? "No licence changed among the packages compared." : "No licence changed."}</p>${gap}`;
  const rows = i.licences.map((l) => [
    code(l.name),
    h(l.version),
    l.from.length > 0 ? l.from.map(code).join(" AND ") : '<span class="muted">none declared</span>',
    l.to.length > 0 ? l.to.map(code).join(" AND ") : '<span class="muted">none declared</span>',
    l.unfree.length > 0 ? stateLabel("bad", `unfree: ${l.unfree.join(", ")}`) : NONE,
  ]);
  const t = table(`Licence changes in ${i.installable}`, ["package", "version", "old", "new", "unfree"], rows, {
    rowClass: "licence-change",
  });
  return `${gap}${fold(h(`Licence changes (${rows.length})`), t, rows.length <= OPEN_UP_TO)}`;
}

function compared(i: InstallableImpact, moves: string): Html {
  return [
    `<p>${moves !== "" ? `${h(moves)}: ` : ""}in ${code(i.installable)}, ${h(impactSummary(i))}.</p>`,
    counts([
      ["version-changes", i.versionChanges.length, "version changes"],
      ["added", i.added.length, "added"],
      ["removed", i.removed.length, "removed"],
      ["rebuilt", i.rebuilt.length, "rebuilt at the same version"],
      ["rebuild", i.rebuildCount, `of ${i.derivations.new} derivations rebuild (${i.derivations.old} before)`],
      ...(i.licences !== undefined ? [["licence-changes", i.licences.length, "licence changes"] as const] : []),
    ]),
    versionTable(i),
    listFold(
      "Added",
      "pkg-added",
      i.added.map((p) => code(presenceText(p))),
    ),
    listFold(
      "Removed",
      "pkg-removed",
      i.removed.map((p) => code(presenceText(p))),
    ),
    listFold(
      "Rebuilt at the same version",
      "pkg-rebuilt",
      i.rebuilt.map(
        (b) =>
          `${code(presenceText({ name: b.name, versions: [b.version] }))}: ${h(b.reasons.map(reasonText).join("; "))}`,
      ),
    ),
    licenceBlock(i),
  ]
    .filter((x) => x !== "")
    .join("\n");
}

/**
 * An installable that did not evaluate is a gap, never "no change": nix's error line by line, and
 * the options that bound the evaluation, in case time or memory was what ran out.
 */
const failed = (i: InstallableFailure): Html =>
  `<p class="gap" data-failed><strong>Could not evaluate at the ${failedSideText(i.side)}</strong>, so its package changes are unknown:</p>
<p><code>${i.error.split("\n").map(h).join("<br>")}</code></p>
<p class="muted">If nix ran out of time or memory, ${code("--timeout SECONDS")} or ${code("--jobs 1")} may let it finish; its inputs must be locked and already in the store (${code("nix flake archive")}).</p>`;

function installable(i: InstallableResult, moves: string): Html {
  return `<article class="installable" data-installable="${h(i.installable)}">
<h3>${code(i.installable)}</h3>
${i.status === "compared" ? compared(i, moves) : failed(i)}
</article>`;
}

/** Licence changes were not compared: a gap naming the options that would answer, never "none". */
const licenceGap = (gap: ImpactSection["licenceGap"]): Html =>
  gap === undefined
    ? ""
    : `<p class="gap" data-licence-gap>Licence changes not compared: ${h(gap.reason)} (pass ${gap.options.map(code).join(" and ")}).</p>`;

/** The impact section of diff --format html; empty without `--installable`. */
export function impactHtml(r: DiffReport): Html {
  const impact = r.impact;
  if (impact === undefined) return "";
  const moves = lockMoves(r).join(", ");
  const failures = impact.installables.filter((i) => i.status === "failed").length;
  return section(
    "impact",
    "Impact on installables",
    [
      `<p>${code(impact.old)} → ${code(impact.new)}: each installable's derivation closure evaluated at both revisions and compared package by package (evaluated, not built)${failures > 0 ? `; ${plural(failures, "installable")} could not be evaluated` : ""}.</p>`,
      ...impact.installables.map((i) => installable(i, moves)),
      licenceGap(impact.licenceGap),
    ]
      .filter((x) => x !== "")
      .join("\n"),
  );
}
