import type { DiffChange, DiffReport } from "../../domain/diff/report.js";
import { RULES } from "../../domain/findings.js";
import { cellCode, code, escapeHtml, escapeMarkdown, htmlCode } from "../escape.js";
import { nixLineParts } from "./closure-lines.js";
import { changesTable, followsBlock, subtreeBlock } from "./markdown-changes.js";
import { changedGraph } from "./markdown-graph.js";
import { changeLink, linkTarget } from "./links.js";
import { closureTotal, countsLine } from "./view.js";

/** GitHub refuses comments over 65,536 characters; keep a margin for the marker and the action's framing. */
export const COMMENT_LIMIT = 65_000;
const COMMITS_PER_INPUT = 50;

function details(c: DiffChange): string | undefined {
  const u = c.upstream;
  if (u === undefined) return undefined;
  // The summary line is a raw HTML block (GFM reads no Markdown there); compare facts can come back
  // from the cache unvalidated, so even their counts are escaped as text.
  const lines = [
    `<details><summary>${htmlCode(c.input)}: ${escapeHtml(String(u.status))}, ${escapeHtml(String(u.aheadBy))} ahead, ${escapeHtml(String(u.behindBy))} behind</summary>`,
    "",
  ];
  for (const m of u.commits.slice(0, COMMITS_PER_INPUT))
    lines.push(
      `- ${code(m.sha.slice(0, 12))} ${escapeMarkdown(m.headline)} (${escapeMarkdown(m.author ?? "?")}, ${escapeMarkdown(m.date.slice(0, 10))})`,
    );
  const hidden = u.totalCommits - Math.min(u.commits.length, COMMITS_PER_INPUT);
  if (hidden > 0) lines.push(`- … and ${hidden} more commit${hidden === 1 ? "" : "s"}`);
  if (u.newRevReachable !== undefined && !u.newRevReachable.contained)
    lines.push("", `**The new rev is not on ${code(u.newRevReachable.ref)}.**`);
  // The link is built from the lock's validated owner, repository and revs, never taken from the
  // answer (a cache entry can say anything); the answer's URL is only shown, as code.
  const link = changeLink(c);
  const url = link?.label === "compare" ? linkTarget(link.url) : undefined;
  lines.push(
    "",
    url !== undefined ? `[Compare on GitHub](${url})` : `Compare: ${code(u.compareUrl)}`,
    "",
    "</details>",
  );
  return lines.join("\n");
}

/** A PR comment: findings first, a summary table, one collapsible block per input, the closure. */
export function renderDiffMarkdown(
  r: DiffReport,
  opts: { readonly color?: boolean; readonly lock?: string } = {},
): string {
  const head = [
    // One heading per lock: pr-review names the lock here rather than adding a heading of its own.
    opts.lock !== undefined ? `### ${code(opts.lock)} changes` : "### flake.lock changes",
    "",
    countsLine(r) + (r.lockOnly ? " — lock-only: no upstream facts." : ""),
    "",
  ];
  if (r.findings.length > 0) {
    head.push("| severity | finding | input | what to do |", "|---|---|---|---|");
    for (const f of r.findings)
      head.push(
        `| **${f.severity}** | ${f.rule}: ${escapeMarkdown(f.message)} | ${cellCode(f.input)} | ${RULES[f.rule].fix} |`,
      );
    head.push("");
  }
  head.push(...changesTable(r), ...changedGraph(r), ...subtreeBlock(r), ...followsBlock(r));
  const tail: string[] = [];
  if (r.closure !== undefined) {
    // The rows nix store diff-closures prints, in its order and wording; JSON has every delta.
    tail.push(`#### Closure (${closureTotal(r.closure)})`, "", "| package | versions | size |", "|---|---|---|");
    for (const p of r.closure.packages) {
      if (!p.shownByNix) continue;
      const { versions, size } = nixLineParts(p);
      tail.push(`| ${cellCode(p.name)} | ${versions !== undefined ? escapeMarkdown(versions) : ""} | ${size ?? ""} |`);
    }
    tail.push("");
  }
  for (const g of r.gaps)
    tail.push(`- could not learn: ${escapeMarkdown(`${g.input !== undefined ? `${g.input}: ` : ""}${g.reason}`)}`);
  // Details go last and are what gets cut to stay under GitHub's comment limit.
  const blocks = r.changes.map(details).filter((d): d is string => d !== undefined);
  let budget = COMMENT_LIMIT - head.join("\n").length - tail.join("\n").length - 200;
  const kept: string[] = [];
  for (const b of blocks) {
    if (b.length + 2 > budget) break;
    kept.push(b);
    budget -= b.length + 2;
  }
  if (kept.length < blocks.length)
    kept.push(
      `> ${blocks.length - kept.length} more detail block${blocks.length - kept.length === 1 ? "" : "s"} not shown: the comment would exceed GitHub's size limit. Run \`flake-audit diff\` locally for all of them.`,
    );
  return `${[...head, ...(kept.length > 0 ? [...kept, ""] : []), ...tail].join("\n").trimEnd()}\n`;
}
