import type { CheckReport, LocatedFinding } from "../../domain/policy/report.js";
import { followsLine, groupFindings, otherPaths, type RuleGroup } from "../finding-groups.js";
import { oneLine } from "../escape.js";
import { wrapLines } from "../wrap.js";

/** The lock, with the node's line and column when there is one; nothing for a closure checked alone. */
const where = (r: CheckReport, f: LocatedFinding): string => {
  if (r.lockFile === undefined) return "";
  const at = f.location !== undefined ? `:${f.location.line}:${f.location.column}` : "";
  return `${oneLine(r.lockFile.path + at)}: `;
};

const quoted = (paths: readonly string[]): string => paths.map((p) => `'${oneLine(p)}'`).join(", ");

/** One finding: where, which input, the message; the other paths to its source; the follows that fixes it. */
function findingLines(r: CheckReport, f: LocatedFinding, indent: string): string[] {
  const also = otherPaths(f);
  const lines = [
    `${indent}${where(r, f)}'${oneLine(f.input)}': ${oneLine(f.message)}${also.length > 0 ? ` (also reached as ${quoted(also)})` : ""}`,
  ];
  if (f.follows !== undefined) lines.push(`${indent}  fix: ${oneLine(followsLine(f.follows))}`);
  return lines;
}

/** A rule's findings, why and what to do said once, transitive inputs under the root input that brings them. */
function groupLines(r: CheckReport, g: RuleGroup<LocatedFinding>): string[] {
  const out = [
    `${g.severity.toUpperCase()} ${g.rule} (${g.count} finding${g.count === 1 ? "" : "s"})`,
    `    why: ${g.why}`,
    `    what to do: ${g.fix}`,
  ];
  for (const root of g.roots) {
    for (const f of root.own) out.push(...findingLines(r, f, "  "));
    if (root.transitive.length === 0) continue;
    if (root.own.length === 0) out.push(`  through '${oneLine(root.root)}':`);
    for (const f of root.transitive) out.push(...findingLines(r, f, "    "));
  }
  return out;
}

/** Text for a terminal: findings grouped by rule, worst first, each rule explained once. */
export function renderCheckText(r: CheckReport, opts: { readonly width?: number } = {}): string {
  const out: string[] = [];
  for (const g of groupFindings(r.findings)) out.push(...groupLines(r, g), "");
  if (r.suppressed.length > 0) {
    out.push(`accepted by the policy (${r.suppressed.length}):`);
    for (const f of r.suppressed)
      out.push(
        `  ${f.rule} '${oneLine(f.input)}': ${oneLine(f.suppressedBy?.reason ?? "")}${f.suppressedBy?.expires !== undefined ? ` (until ${oneLine(f.suppressedBy.expires)})` : ""}`,
      );
    out.push("");
  }
  const counts = (["high", "medium", "low", "info"] as const)
    .map((s) => `${r.findings.filter((f) => f.severity === s).length} ${s}`)
    .join(", ");
  out.push(
    `${r.findings.length === 0 ? "no findings" : `${r.findings.length} finding${r.findings.length === 1 ? "" : "s"} (${counts})`}; policy: ${oneLine(r.policy.source)}${r.upstream !== undefined ? `; upstream: ${r.upstream}` : ""}${r.gaps.length > 0 ? ", incomplete:" : ""}`,
  );
  for (const g of r.gaps)
    out.push(`could not learn: ${g.input !== undefined ? `'${oneLine(g.input)}': ` : ""}${oneLine(g.reason)}`);
  return `${wrapLines(out, opts.width).join("\n")}\n`;
}
