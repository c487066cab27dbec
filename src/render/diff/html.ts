import type { DiffChange, DiffReport } from "../../domain/diff/report.js";
import { RULES } from "../../domain/findings.js";
import { code, h, link } from "../html/escape.js";
import { renderPage } from "../html/page.js";
import { NONE, counts, fold, gapList, plural, section, severityBadge, table, type Html } from "../html/parts.js";
import { nixLineParts } from "./closure-lines.js";
import { impactHtml } from "./impact-html.js";
import { changeLink } from "./links.js";
import {
  closureTotal,
  countsLine,
  followsChanges,
  KIND_TITLES,
  pinText,
  riskOf,
  sourceChanges,
  urlText,
} from "./view.js";

const COMMITS_PER_INPUT = 50;

/** One side of a change as the page shows it: the pin and its date, or what it follows. */
const side = (s: DiffChange["old"]): Html => (s === undefined ? NONE : code(pinText(s)));

const fromTo = (c: DiffChange): Html => {
  if (c.kind === "ref-changed" && c.refMove !== undefined)
    return `ref ${code(c.refMove.from)} → ${code(c.refMove.to)} (${h(c.refMove.move)})`;
  if (c.release !== undefined) return `${code(c.release.from)} → ${code(c.release.to)}`;
  return c.old !== undefined && c.new !== undefined ? `${side(c.old)} → ${side(c.new)}` : side(c.new ?? c.old);
};

/** The link a lock-only report can give (compare, commit, release page), built from validated lock fields. */
const linkCell = (c: DiffChange): Html => {
  const l = changeLink(c);
  return l !== undefined ? link(l.url, l.label) : NONE;
};

function changeRow(r: DiffReport, c: DiffChange): Html[] {
  const with_ = [
    ...(c.subtreeSources !== undefined ? [plural(c.subtreeSources.length, "input")] : []),
    ...(c.subtreeFollows !== undefined ? [plural(c.subtreeFollows.length, "follows", "follows")] : []),
  ];
  const risk = riskOf(r, c.input);
  return [
    code(c.input),
    `${h(KIND_TITLES[c.kind])}${with_.length > 0 ? ` <span class="muted">with ${h(with_.join(" and "))}</span>` : ""}`,
    fromTo(c),
    c.upstream !== undefined ? `${h(c.upstream.totalCommits)} (${h(c.upstream.status)})` : NONE,
    linkCell(c),
    risk !== undefined ? severityBadge(risk) : NONE,
  ];
}

/** Commits between the pins (from GitHub), and the inputs that came or went with a subtree. */
function changeDetails(c: DiffChange): Html {
  const parts: string[] = [];
  const u = c.upstream;
  if (u !== undefined) {
    const items = u.commits
      .slice(0, COMMITS_PER_INPUT)
      .map(
        (m) =>
          `<li>${code(m.sha.slice(0, 12))} ${h(m.headline)} <span class="muted">(${h(m.author ?? "?")}, ${h(m.date.slice(0, 10))})</span></li>`,
      );
    const hidden = u.totalCommits - Math.min(u.commits.length, COMMITS_PER_INPUT);
    if (hidden > 0) items.push(`<li>… and ${plural(hidden, "more commit")}</li>`);
    if (u.newRevReachable !== undefined && !u.newRevReachable.contained)
      items.push(`<li><strong>The new rev is not on ${code(u.newRevReachable.ref)}.</strong></li>`);
    parts.push(fold(`${code(c.input)}: ${plural(u.totalCommits, "commit")}`, `<ul>${items.join("\n")}</ul>`, false));
  }
  if (c.subtreeSources !== undefined) {
    const what = c.kind === "added" ? "added" : "no longer locked";
    const items = c.subtreeSources.map((s) => `<li>${code(s.input)}: ${link(s.url, urlText(s.url))}</li>`);
    parts.push(
      fold(
        `${code(c.input)}: ${plural(c.subtreeSources.length, "input")} ${what} with it`,
        `<ul>${items.join("\n")}</ul>`,
        false,
      ),
    );
  }
  return parts.join("\n");
}

function closureSection(r: DiffReport): Html {
  if (r.closure === undefined) return "";
  const rows = r.closure.packages
    .filter((p) => p.shownByNix)
    .map((p) => {
      const { versions, size } = nixLineParts(p);
      return [code(p.name), h(versions ?? ""), h(size ?? "")];
    });
  return section(
    "closure",
    `Closure (${closureTotal(r.closure)})`,
    table("Closure packages", ["package", "versions", "size"], rows, { numeric: [2] }),
  );
}

/**
 * diff --format html: the headline, findings, each change with its link and commits, follows, the
 * package changes per installable (with --installable), closure.
 */
export function renderDiffHtml(r: DiffReport): string {
  const sources = sourceChanges(r);
  const follows = followsChanges(r);
  const lead = [
    `<p>${code(r.old.source)} → ${code(r.new.source)}</p>`,
    `<p data-headline>${h(countsLine(r))}${r.lockOnly ? " — lock-only: no upstream facts." : ""}</p>`,
    counts([
      ["changes", r.changes.length, "changes"],
      ["findings", r.findings.length, "findings"],
      ["unchanged", r.unchangedCount, "unchanged"],
      ["gaps", r.gaps.length, "gaps"],
      ...(r.impact !== undefined
        ? [["installables", r.impact.installables.length, "installables evaluated"] as const]
        : []),
    ]),
  ].join("\n");
  const findingRows = r.findings.map((f) => [
    severityBadge(f.severity),
    `${h(f.rule)}: ${h(f.message)}`,
    code(f.input),
    h(RULES[f.rule].fix),
  ]);
  const body = [
    r.findings.length > 0
      ? section(
          "findings",
          "Findings",
          table("Findings", ["severity", "finding", "input", "what to do"], findingRows, { rowClass: "finding" }),
        )
      : "",
    sources.length > 0
      ? section(
          "changes",
          "Changes",
          `${table(
            "Source changes",
            ["input", "change", "from → to", "commits", "link", "risk"],
            sources.map((c) => changeRow(r, c)),
            { rowClass: "change" },
          )}\n${sources.map(changeDetails).join("\n")}`,
        )
      : section("changes", "Changes", "<p>No source changed.</p>"),
    follows.length > 0
      ? section(
          "follows",
          "Follows",
          `<ul>${follows.map((c) => `<li class="change">${code(c.input)}: ${c.old !== undefined && c.new !== undefined ? `${side(c.old)} → ${side(c.new)}` : `${h(c.kind)}, ${side(c.new ?? c.old)}`}</li>`).join("\n")}</ul>`,
        )
      : "",
    impactHtml(r),
    closureSection(r),
    gapList(r.gaps),
  ];
  return renderPage({
    title: "flake.lock changes",
    lead,
    body: body.filter((b) => b !== "").join("\n"),
    tool: r.tool,
    at: r.evaluatedAt,
  });
}
