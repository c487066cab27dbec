import type { InputIssue } from "../domain/input-issue.js";
import { oneLine } from "./escape.js";

/** How many issues are printed before "and N more". */
export const MAX_PRINTED_ISSUES = 20;

/**
 * One paragraph per issue, e.g.
 * `flake.lock:12:9: /nodes/nixpkgs_2/locked/rev: expected a 40-character commit id` followed by
 * indented `received:`, `expected:`, `example:` and `next:` lines.
 */
export function renderIssues(issues: readonly InputIssue[]): string {
  // Every field can quote the input (a file name, a pointer into it, a store path), so each is one
  // line: a newline in a store path name must not start a line that reads as flake-audit's own.
  const out: string[] = [];
  for (const issue of issues.slice(0, MAX_PRINTED_ISSUES)) {
    const where =
      issue.position !== undefined ? `${issue.origin}:${issue.position.line}:${issue.position.column}` : issue.origin;
    const pointer = issue.pointer !== "" ? `: ${issue.pointer}` : "";
    const lines = [`${oneLine(where)}${oneLine(pointer)}: ${oneLine(issue.message)}`];
    if (issue.expected !== undefined) lines.push(`  expected: ${oneLine(issue.expected)}`);
    if (issue.received !== undefined) lines.push(`  received: ${oneLine(issue.received)}`);
    if (issue.example !== undefined) lines.push(`  example:  ${oneLine(issue.example)}`);
    if (issue.next !== undefined) lines.push(`  next:     ${oneLine(issue.next)}`);
    out.push(lines.join("\n"));
  }
  if (issues.length > MAX_PRINTED_ISSUES) out.push(`… and ${issues.length - MAX_PRINTED_ISSUES} more issues`);
  return `${out.join("\n")}\n`;
}
