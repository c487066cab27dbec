import type { CheckReport, LocatedFinding } from "../../domain/policy/report.js";
import { code, escapeMarkdown } from "../escape.js";
import { followsLine, groupFindings, otherPaths, type RuleGroup } from "../finding-groups.js";

// A rule with more findings than this folds its list, so one noisy rule does not bury the others.
const FOLD_OVER = 10;

function findingItem(f: LocatedFinding, indent: string): string {
  const also = otherPaths(f);
  const line = f.location !== undefined ? ` (line ${f.location.line})` : "";
  const alsoText = also.length > 0 ? `; also reached as ${also.map((p) => code(p)).join(", ")}` : "";
  const fix = f.follows !== undefined ? `; fix: ${code(followsLine(f.follows))}` : "";
  return `${indent}- ${code(f.input)}${line}: ${escapeMarkdown(f.message)}${alsoText}${fix}`;
}

/** One rule: why and what to do once, then its findings, transitive inputs nested under their root input. */
function groupSection(g: RuleGroup<LocatedFinding>): string[] {
  const items: string[] = [];
  for (const root of g.roots) {
    for (const f of root.own) items.push(findingItem(f, ""));
    if (root.transitive.length === 0) continue;
    if (root.own.length === 0) items.push(`- through ${code(root.root)}`);
    for (const f of root.transitive) items.push(findingItem(f, "  "));
  }
  const out = [
    `#### ${g.severity.toUpperCase()} · ${g.rule} (${g.count})`,
    "",
    `${g.why} **What to do:** ${g.fix}`,
    "",
  ];
  if (g.count > FOLD_OVER) out.push(`<details><summary>${g.count} findings</summary>`, "", ...items, "", "</details>");
  else out.push(...items);
  out.push("");
  return out;
}

/** Markdown for a PR or a job summary, grouped by rule; lock and upstream text is escaped. */
export function renderCheckMarkdown(r: CheckReport): string {
  const out = [r.lockFile !== undefined ? "### flake.lock policy check" : "### closure policy check", ""];
  if (r.findings.length === 0) out.push("No findings.", "");
  for (const g of groupFindings(r.findings)) out.push(...groupSection(g));
  if (r.suppressed.length > 0) {
    out.push(`<details><summary>${r.suppressed.length} accepted by the policy</summary>`, "");
    for (const f of r.suppressed)
      out.push(
        `- ${f.rule} ${code(f.input)}: ${escapeMarkdown(f.suppressedBy?.reason ?? "")}${f.suppressedBy?.expires !== undefined ? ` (until ${escapeMarkdown(f.suppressedBy.expires)})` : ""}`,
      );
    out.push("", "</details>", "");
  }
  out.push(
    `Policy: ${escapeMarkdown(r.policy.source)}${r.upstream !== undefined ? `; upstream facts: ${r.upstream}` : ""}${r.gaps.length > 0 ? ", incomplete:" : "."}`,
  );
  for (const g of r.gaps)
    out.push(`- could not learn: ${escapeMarkdown(`${g.input !== undefined ? `${g.input}: ` : ""}${g.reason}`)}`);
  return `${out.join("\n")}\n`;
}
