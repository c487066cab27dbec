import type { Log, ReportingDescriptor, Result } from "sarif";
import type { CheckReport, LocatedFinding } from "../../domain/policy/report.js";
import { RULES, type RuleId, type Severity } from "../../domain/findings.js";
import { compareStrings } from "../../domain/lock/input-path.js";
import { oneLine } from "../escape.js";

const LEVEL: Readonly<Record<Severity, Result.level>> = {
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};
// GitHub code scanning sorts alerts by this score (0–10).
const SCORE: Readonly<Record<Severity, string>> = { high: "8.0", medium: "5.0", low: "3.0", info: "1.0" };
/** `rev-not-found` → `RevNotFound`. */
const title = (id: string): string => id.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase());

/**
 * Stable across runs and lock rewrites: a hash of the rule and the input path, not of the message or
 * position. Two independent 32-bit FNV-1a lanes: code scanning needs stability, not secrecy.
 */
export function fingerprint(f: { rule: string; input: string }): string {
  const s = `${f.rule}\u0000${f.input}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ (c + i), 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}

/** SARIF message text is plain text, but code scanning shows it: lock and upstream text lose its controls. */
function result(f: LocatedFinding, ruleIndex: number, uri: string): Result {
  return {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: oneLine(`${f.input}: ${f.message}`) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri },
          ...(f.location !== undefined
            ? { region: { startLine: f.location.line, startColumn: f.location.column } }
            : {}),
        },
      },
    ],
    partialFingerprints: { "flakeAudit/v1": fingerprint(f) },
    properties: { input: oneLine(f.input), severity: f.severity },
    ...(f.suppressedBy !== undefined
      ? {
          suppressions: [
            {
              kind: "external",
              justification: oneLine(
                `${f.suppressedBy.reason}${f.suppressedBy.expires !== undefined ? ` (until ${f.suppressedBy.expires})` : ""}`,
              ),
            },
          ],
        }
      : {}),
  };
}

/** SARIF 2.1.0 for GitHub code scanning: one rule per rule id with help text, results at the lock node. */
export function renderSarif(r: CheckReport): string {
  const all = [...r.findings, ...r.suppressed];
  const ids: RuleId[] = [...new Set(all.map((f) => f.rule))].sort(compareStrings);
  const rules = ids.map(
    (id): ReportingDescriptor => ({
      id,
      name: title(id),
      shortDescription: { text: (RULES[id].why.split(". ")[0] ?? "").replace(/\.$/, "") },
      fullDescription: { text: RULES[id].why },
      help: {
        text: `${RULES[id].why}\n\nWhat to do: ${RULES[id].fix}`,
        markdown: `${RULES[id].why}\n\n**What to do:** ${RULES[id].fix}`,
      },
      defaultConfiguration: { level: LEVEL[RULES[id].severity] },
      properties: { "security-severity": SCORE[RULES[id].severity], tags: ["supply-chain", "nix"] },
    }),
  );
  const uri = oneLine(r.lockFile.path).replace(/^\.\//, "");
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: r.tool.name,
            version: r.tool.version,
            informationUri: "https://github.com/flake-audit/flake-audit",
            rules,
          },
        },
        automationDetails: { id: `flake-audit/check/${uri}` },
        results: all.map((f) => result(f, ids.indexOf(f.rule), uri)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
