import type { CheckReport, LocatedFinding } from "../../domain/policy/report.js";
import { RULES } from "../../domain/findings.js";
import { oneLine } from "../escape.js";

const where = (r: CheckReport, f: LocatedFinding): string =>
  f.location !== undefined ? `${r.lockFile.path}:${f.location.line}:${f.location.column}` : r.lockFile.path;

/** Text for a terminal: findings by severity, each with why and what to do. */
export function renderCheckText(r: CheckReport): string {
  const out: string[] = [];
  for (const f of r.findings) {
    out.push(
      `${oneLine(where(r, f))}: ${f.severity.toUpperCase()} ${f.rule} '${oneLine(f.input)}': ${oneLine(f.message)}`,
      `    why: ${RULES[f.rule].why}`,
      `    what to do: ${RULES[f.rule].fix}`,
    );
  }
  if (r.suppressed.length > 0) {
    out.push("", `accepted by the policy (${r.suppressed.length}):`);
    for (const f of r.suppressed)
      out.push(
        `  ${f.rule} '${oneLine(f.input)}': ${oneLine(f.suppressedBy?.reason ?? "")}${f.suppressedBy?.expires !== undefined ? ` (until ${oneLine(f.suppressedBy.expires)})` : ""}`,
      );
  }
  const counts = (["high", "medium", "low", "info"] as const)
    .map((s) => `${r.findings.filter((f) => f.severity === s).length} ${s}`)
    .join(", ");
  out.push(
    "",
    `${r.findings.length === 0 ? "no findings" : `${r.findings.length} finding${r.findings.length === 1 ? "" : "s"} (${counts})`}; policy: ${oneLine(r.policy.source)}; upstream: ${r.upstream}`,
  );
  for (const g of r.gaps)
    out.push(`could not learn: ${g.input !== undefined ? `'${oneLine(g.input)}': ` : ""}${oneLine(g.reason)}`);
  return `${out.join("\n").replace(/^\n/, "")}\n`;
}
