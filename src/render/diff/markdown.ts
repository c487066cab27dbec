import type { DiffChange, DiffReport } from "../../domain/diff/report.js";
import { RULES } from "../../domain/findings.js";
import { code, escapeMarkdown } from "../escape.js";
import { isoDate } from "../../domain/time.js";
import { nixLineParts } from "./closure-lines.js";
import { closureTotal, countsLine, KIND_TITLES, riskOf } from "./view.js";

/** GitHub refuses comments over 65,536 characters; keep a margin for the marker and the action's framing. */
export const COMMENT_LIMIT = 65_000;
const COMMITS_PER_INPUT = 50;

/** Compare facts can come back from the cache unvalidated: even their counts are escaped as text. */
const md = (v: string | number): string => escapeMarkdown(String(v));

/**
 * A link target that cannot break out of `(…)` or smuggle a scheme: https only, and every character
 * outside a conservative URL set percent-encoded. Anything else is shown as code, not linked.
 */
function linkTarget(url: string): string | undefined {
  if (!/^https:\/\/[^\s/]/i.test(url)) return undefined;
  // encodeURIComponent leaves ( ) ' ! * alone, which end or decorate a Markdown link: those get %XX by hand.
  return url.replace(/[^A-Za-z0-9\-._~:/?#$&+,;=%]/gu, (c) =>
    "()'!*".includes(c) ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : encodeURIComponent(c),
  );
}

const fromTo = (c: DiffChange): string => {
  if (c.kind === "ref-changed" && c.refMove !== undefined)
    return `ref ${code(c.refMove.from)} → ${code(c.refMove.to)} (${c.refMove.move})`;
  if (c.release !== undefined) return `${code(c.release.from)} → ${code(c.release.to)}`;
  const side = (s: DiffChange["old"]): string =>
    s === undefined
      ? "–"
      : s.follows !== undefined
        ? `follows ${code(s.follows)}`
        : `${code(s.rev?.slice(0, 12) ?? s.narHash?.slice(7, 19) ?? "?")}${s.lastModified !== undefined ? ` (${isoDate(s.lastModified)})` : ""}`;
  return c.old !== undefined && c.new !== undefined ? `${side(c.old)} → ${side(c.new)}` : side(c.new ?? c.old);
};

function details(c: DiffChange): string | undefined {
  const u = c.upstream;
  if (u === undefined) return undefined;
  const lines = [
    `<details><summary>${escapeMarkdown(c.input)}: ${md(u.status)}, ${md(u.aheadBy)} ahead, ${md(u.behindBy)} behind</summary>`,
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
  const url = linkTarget(u.compareUrl);
  lines.push(
    "",
    url !== undefined ? `[Compare on GitHub](${url})` : `Compare: ${code(u.compareUrl)}`,
    "",
    "</details>",
  );
  return lines.join("\n");
}

/** A PR comment: findings first, a summary table, one collapsible block per input, the closure. */
export function renderDiffMarkdown(r: DiffReport): string {
  const head = [
    `### flake.lock changes`,
    "",
    countsLine(r) + (r.lockOnly ? " — lock-only: no upstream facts." : ""),
    "",
  ];
  if (r.findings.length > 0) {
    head.push("| severity | finding | input | what to do |", "|---|---|---|---|");
    for (const f of r.findings)
      head.push(
        `| **${f.severity}** | ${f.rule}: ${escapeMarkdown(f.message)} | ${code(f.input)} | ${RULES[f.rule].fix} |`,
      );
    head.push("");
  }
  if (r.changes.length > 0) {
    head.push("| input | change | from → to | commits | risk |", "|---|---|---|---|---|");
    for (const c of r.changes) {
      const commits = c.upstream !== undefined ? `${md(c.upstream.totalCommits)} (${md(c.upstream.status)})` : "–";
      head.push(
        `| ${code(c.input)} | ${KIND_TITLES[c.kind]} | ${fromTo(c)} | ${commits} | ${riskOf(r, c.input) ?? "–"} |`,
      );
    }
    head.push("");
  }
  const tail: string[] = [];
  if (r.closure !== undefined) {
    // The rows nix store diff-closures prints, in its order and wording; JSON has every delta.
    tail.push(`#### Closure (${closureTotal(r.closure)})`, "", "| package | versions | size |", "|---|---|---|");
    for (const p of r.closure.packages) {
      if (!p.shownByNix) continue;
      const { versions, size } = nixLineParts(p);
      tail.push(`| ${code(p.name)} | ${versions !== undefined ? escapeMarkdown(versions) : ""} | ${size ?? ""} |`);
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
