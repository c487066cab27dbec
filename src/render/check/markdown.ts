import type { CheckReport } from "../../domain/policy/report.js";
import { RULES } from "../../domain/findings.js";
import { code, escapeMarkdown } from "../escape.js";

/** Markdown for a PR or a job summary; lock and upstream text is escaped. */
export function renderCheckMarkdown(r: CheckReport): string {
  const out = ["### flake.lock policy check", ""];
  if (r.findings.length === 0) out.push("No findings.", "");
  else {
    out.push("| severity | rule | input | finding | line | what to do |", "|---|---|---|---|---|---|");
    for (const f of r.findings)
      out.push(
        `| **${f.severity}** | ${f.rule} | ${code(f.input)} | ${escapeMarkdown(f.message)} | ${f.location?.line ?? "–"} | ${RULES[f.rule].fix} |`,
      );
    out.push("");
  }
  if (r.suppressed.length > 0) {
    out.push(`<details><summary>${r.suppressed.length} accepted by the policy</summary>`, "");
    for (const f of r.suppressed)
      out.push(
        `- ${f.rule} ${code(f.input)}: ${escapeMarkdown(f.suppressedBy?.reason ?? "")}${f.suppressedBy?.expires !== undefined ? ` (until ${escapeMarkdown(f.suppressedBy.expires)})` : ""}`,
      );
    out.push("", "</details>", "");
  }
  out.push(`Policy: ${escapeMarkdown(r.policy.source)}; upstream facts: ${r.upstream}.`);
  for (const g of r.gaps)
    out.push(`- could not learn: ${escapeMarkdown(`${g.input !== undefined ? `${g.input}: ` : ""}${g.reason}`)}`);
  return `${out.join("\n")}\n`;
}
