import type { DiffChange, DiffReport } from "../../domain/diff/report.js";
import { isoDate } from "../../domain/time.js";
import { cellCode, code, escapeMarkdown, htmlCode } from "../escape.js";
import { changeLink, linkTarget } from "./links.js";
import { flakehubRelease, flakehubReleaseOf, releaseName, releasePage } from "./flakehub.js";
import { followsChanges, followsCounts, followsText, KIND_TITLES, riskOf, sourceChanges } from "./view.js";

/** Compare facts can come back from the cache unvalidated: even their counts are escaped as text. */
const md = (v: string | number): string => escapeMarkdown(String(v));

type Code = (s: string) => string;

/** One side of a change; `c` is the code span for where it goes (a table cell or a list item). */
const side = (s: DiffChange["old"], c: Code): string => {
  if (s === undefined) return "–";
  if (s.follows !== undefined) return followsText(s.follows, c);
  // A FlakeHub pin is named by its release; the link column links the release page.
  const release = flakehubRelease(s);
  const what = release !== undefined ? releaseName(release) : (s.rev?.slice(0, 12) ?? s.narHash?.slice(7, 19) ?? "?");
  return `${c(what)}${s.lastModified !== undefined ? ` (${isoDate(s.lastModified)})` : ""}`;
};

/** The from → to cell of the changes table. */
const fromTo = (c: DiffChange): string => {
  if (c.kind === "ref-changed" && c.refMove !== undefined)
    return `ref ${cellCode(c.refMove.from)} → ${cellCode(c.refMove.to)} (${c.refMove.move})`;
  const [a, b] = [flakehubRelease(c.old), flakehubRelease(c.new)];
  if (a !== undefined && b !== undefined) return `${cellCode(releaseName(a))} → ${cellCode(releaseName(b))}`;
  if (c.release !== undefined) return `${cellCode(c.release.from)} → ${cellCode(c.release.to)}`;
  return c.old !== undefined && c.new !== undefined
    ? `${side(c.old, cellCode)} → ${side(c.new, cellCode)}`
    : side(c.new ?? c.old, cellCode);
};

const changeCell = (c: DiffChange): string => {
  const with_ = [
    ...(c.subtreeSources !== undefined ? [`${c.subtreeSources.length} inputs`] : []),
    ...(c.subtreeFollows !== undefined ? [`${c.subtreeFollows.length} follows`] : []),
  ];
  return `${KIND_TITLES[c.kind]}${with_.length > 0 ? `, with ${with_.join(" and ")}` : ""}`;
};

const linkCell = (c: DiffChange): string => {
  const link = changeLink(c);
  const url = link !== undefined ? linkTarget(link.url) : undefined;
  return link !== undefined && url !== undefined ? `[${link.label}](${url})` : "";
};

interface Column {
  readonly title: string;
  readonly cell: (c: DiffChange) => string;
}

/** The source changes, one row each; a column that no row fills is left out. */
export function changesTable(r: DiffReport): string[] {
  const rows = sourceChanges(r);
  if (rows.length === 0) return [];
  const columns: Column[] = [
    { title: "input", cell: (c) => cellCode(c.input) },
    { title: "change", cell: changeCell },
    { title: "from → to", cell: fromTo },
    {
      title: "commits",
      cell: (c) => (c.upstream !== undefined ? `${md(c.upstream.totalCommits)} (${md(c.upstream.status)})` : ""),
    },
    { title: "link", cell: linkCell },
    { title: "risk", cell: (c) => riskOf(r, c.input) ?? "" },
  ];
  const cells = rows.map((c) => columns.map((col) => col.cell(c)));
  const used = columns.map((_, i) => i).filter((i) => i < 3 || cells.some((row) => row[i] !== ""));
  const line = (xs: readonly string[]): string => `| ${used.map((i) => xs[i] || "–").join(" | ")} |`;
  return [line(columns.map((c) => c.title)), `|${used.map(() => "---|").join("")}`, ...cells.map(line), ""];
}

/** A subtree input's source: a FlakeHub release by name, linked to its page; any other URL as code. */
const subtreeSource = (url: string): string => {
  const release = flakehubReleaseOf(url);
  const page = release !== undefined ? linkTarget(releasePage(release)) : undefined;
  return release !== undefined && page !== undefined ? `[${code(releaseName(release))}](${page})` : code(url);
};

/** The inputs that came or went with an entry's subtree, per entry, behind a <details>. */
export function subtreeBlock(r: DiffReport): string[] {
  const parents = sourceChanges(r).filter((c) => c.subtreeSources !== undefined);
  return parents.flatMap((c) => [
    `<details><summary>${htmlCode(c.input)}: ${c.subtreeSources?.length ?? 0} inputs ${c.kind === "added" ? "added" : "no longer locked"} with it</summary>`,
    "",
    ...(c.subtreeSources ?? []).map((s) => `- ${code(s.input)}: ${subtreeSource(s.url)}`),
    "",
    "</details>",
    "",
  ]);
}

/** Follows that came, went or moved on their own: a count, the list behind a <details>. */
export function followsBlock(r: DiffReport): string[] {
  const changes = followsChanges(r);
  if (changes.length === 0) return [];
  const n = followsCounts(r);
  const standalone = changes.length;
  const summary =
    n.rewired === standalone ? `${standalone} follows rewired` : `${standalone} follows changed (${n.rewired} rewired)`;
  return [
    `<details><summary>${summary}</summary>`,
    "",
    ...changes.map(
      (c) =>
        `- ${code(c.input)}: ${c.old !== undefined && c.new !== undefined ? `${side(c.old, code)} → ${side(c.new, code)}` : `${c.kind}, ${side(c.new ?? c.old, code)}`}`,
    ),
    "",
    "</details>",
    "",
  ];
}
