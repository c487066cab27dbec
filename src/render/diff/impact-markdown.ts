import type { DiffReport } from "../../domain/diff/report.js";
import {
  failedSideText,
  type ImpactSection,
  type InstallableImpact,
  type InstallableResult,
} from "../../domain/impact/model.js";
import { cellCode, code, escapeMarkdown, htmlCode } from "../escape.js";
import {
  impactSummary,
  licencesNotComparedText,
  lockMoves,
  presenceText,
  reasonText,
  sourceLine,
  versionMove,
  versionNotes,
} from "./impact-view.js";

/** A comment stays short: each side's error (one line each, `base: …` and `head: …`) cut to 500 characters, so a long one never hides the other. */
const boundedPerSide = (error: string): string =>
  error
    .split("\n")
    .map((line) => (line.length > 500 ? `${line.slice(0, 500)}…` : line))
    .join("\n");

/** Rows of the version table shown open; the rest go into a collapsed block. */
const OPEN_ROWS = 25;
/** Entries of one collapsed list: a block stays a few dozen kilobytes however large the closure. */
const LIST_ROWS = 200;

/** A collapsed list: the summary line is raw HTML (entities), the items Markdown. */
function detailsList(summary: string, items: readonly string[]): string {
  const shown = items.slice(0, LIST_ROWS);
  const more = items.length - shown.length;
  return [
    `<details><summary>${summary}</summary>`,
    "",
    ...shown.map((i) => `- ${i}`),
    ...(more > 0 ? [`- … and ${more} more (\`flake-audit diff --format json\` lists them all)`] : []),
    "",
    "</details>",
  ].join("\n");
}

function versionRow(v: InstallableImpact["versionChanges"][number]): string {
  const notes = versionNotes(v).map((n) => (n === "downgrade" ? "**downgrade**" : escapeMarkdown(n)));
  const src = sourceLine(v);
  return `| ${cellCode(v.name)} | ${escapeMarkdown(v.from.join(", ") || "∅")} | ${escapeMarkdown(v.to.join(", ") || "∅")} | ${[...notes, ...(src !== undefined ? [cellCode(src)] : [])].join("; ")} |`;
}

/**
 * A piece of the comment: priority 0 is always kept (headings, headlines), then 1 (version
 * tables), 2 (collapsed lists) and 3 (commit lists) while the comment stays under the limit.
 */
export interface Part {
  readonly text: string;
  readonly priority: 0 | 1 | 2 | 3;
}

const always = (lines: string[]): Part => ({ text: lines.join("\n"), priority: 0 });

/** One installable: its heading and headline, its version table, then its collapsed lists. */
function installableParts(i: InstallableResult, moves: string): Part[] {
  if (i.status === "failed")
    return [
      always([
        `#### ${code(i.installable)}`,
        "",
        `Could not evaluate at the ${failedSideText(i.side)}: ${code(boundedPerSide(i.error))}`,
      ]),
    ];
  const parts = [
    always([
      `#### ${code(i.installable)}`,
      "",
      `${moves}in ${code(i.installable)}, ${escapeMarkdown(impactSummary(i))}.`,
    ]),
  ];
  if (i.versionChanges.length > 0)
    // Version changes first: what a reviewer reads before anything else.
    parts.push({
      text: [
        "| package | old | new | notes |",
        "|---|---|---|---|",
        ...i.versionChanges.slice(0, OPEN_ROWS).map(versionRow),
      ].join("\n"),
      priority: 1,
    });
  const blocks: string[] = [];
  const name = htmlCode(i.installable);
  if (i.versionChanges.length > OPEN_ROWS)
    blocks.push(
      detailsList(
        `${i.versionChanges.length - OPEN_ROWS} more version changes in ${name}`,
        i.versionChanges
          .slice(OPEN_ROWS)
          .map((v) =>
            `${code(v.name)} ${escapeMarkdown(versionMove(v))} ${escapeMarkdown(versionNotes(v).join(", "))}`.trimEnd(),
          ),
      ),
    );
  if (i.added.length > 0)
    blocks.push(
      detailsList(
        `${i.added.length} added in ${name}`,
        i.added.map((p) => code(presenceText(p))),
      ),
    );
  if (i.removed.length > 0)
    blocks.push(
      detailsList(
        `${i.removed.length} removed from ${name}`,
        i.removed.map((p) => code(presenceText(p))),
      ),
    );
  const notCompared = licencesNotComparedText(i);
  if (notCompared !== undefined) blocks.push(`Not known: ${escapeMarkdown(notCompared)}.`);
  if (i.licences !== undefined && i.licences.length > 0)
    blocks.push(
      detailsList(
        `${i.licences.length} licence change${i.licences.length === 1 ? "" : "s"} in ${name}`,
        i.licences.map(
          (l) =>
            `${code(l.name)} ${escapeMarkdown(l.version)}: ${escapeMarkdown(l.from.join(" AND ") || "none")} → ${escapeMarkdown(l.to.join(" AND ") || "none")}${l.unfree.length > 0 ? ` (**unfree**: ${escapeMarkdown(l.unfree.join(", "))})` : ""}`,
        ),
      ),
    );
  if (i.rebuilt.length > 0)
    blocks.push(
      detailsList(
        `${i.rebuilt.length} rebuilt at the same version in ${name}`,
        i.rebuilt.map(
          (b) =>
            `${code(presenceText({ name: b.name, versions: [b.version] }))}: ${escapeMarkdown(b.reasons.map(reasonText).join("; "))}`,
        ),
      ),
    );
  return [...parts, ...blocks.map((text): Part => ({ text, priority: 2 }))];
}

/**
 * The impact section of the PR comment: a heading with the lock moves that caused it, one section
 * per installable (headline and version table first), then collapsed lists that the caller keeps
 * only while the comment stays under GitHub's size limit.
 */
export function impactMarkdown(r: DiffReport, impact: ImpactSection): Part[] {
  const m = lockMoves(r);
  const moves = m.length > 0 ? `${m.map((x) => escapeMarkdown(x)).join(", ")}: ` : "";
  const parts = [
    always([
      `### Impact on installables (${escapeMarkdown(impact.old)} → ${escapeMarkdown(impact.new)}, evaluated, not built)`,
    ]),
  ];
  for (const i of impact.installables) parts.push(...installableParts(i, moves));
  if (impact.licenceGap !== undefined)
    parts.push(
      always([
        `Licence changes not compared: ${escapeMarkdown(impact.licenceGap.reason)} (pass ${impact.licenceGap.options.map(code).join(" and ")}).`,
      ]),
    );
  return parts;
}

/**
 * The parts that fit in `budget` characters (joined by blank lines), by priority and then in
 * order, and how many of each priority were cut; kept parts stay in document order.
 */
export function fitParts(parts: readonly Part[], budget: number): { kept: Part[]; cut: number } {
  const keep = new Array<boolean>(parts.length).fill(false);
  let left = budget;
  for (const p of [0, 1, 2, 3] as const)
    parts.forEach((part, i) => {
      if (part.priority !== p) return;
      const cost = part.text.length + 2;
      if (p === 0 || cost <= left) {
        keep[i] = true;
        left -= cost;
      }
    });
  const kept = parts.filter((_, i) => keep[i]);
  return { kept, cut: parts.length - kept.length };
}
