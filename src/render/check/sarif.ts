import type { CheckReport, LocatedFinding } from "../../domain/policy/report.js";
import { RULES, type RuleId, type Severity } from "../../domain/findings.js";

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = {
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};
// GitHub code scanning sorts alerts by this score (0–10).
const SCORE: Readonly<Record<Severity, string>> = { high: "8.0", medium: "5.0", low: "3.0", info: "1.0" };
const title = (id: string): string =>
  id.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => `${dash === "-" ? "" : ""}${c.toUpperCase()}`);

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

function result(f: LocatedFinding, ruleIndex: number, uri: string) {
  return {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${f.input}: ${f.message}` },
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
    properties: { input: f.input, severity: f.severity },
    ...(f.suppressedBy !== undefined
      ? {
          suppressions: [
            {
              kind: "external",
              justification: `${f.suppressedBy.reason}${f.suppressedBy.expires !== undefined ? ` (until ${f.suppressedBy.expires})` : ""}`,
            },
          ],
        }
      : {}),
  };
}

/** SARIF 2.1.0 for GitHub code scanning: one rule per rule id with help text, results at the lock node. */
export function renderSarif(r: CheckReport): string {
  const all = [...r.findings, ...r.suppressed];
  const ids = [...new Set(all.map((f) => f.rule))].sort() as RuleId[];
  const rules = ids.map((id) => ({
    id,
    name: title(id),
    shortDescription: { text: RULES[id].why.split(". ")[0]!.replace(/\.$/, "") },
    fullDescription: { text: RULES[id].why },
    help: {
      text: `${RULES[id].why}\n\nWhat to do: ${RULES[id].fix}`,
      markdown: `${RULES[id].why}\n\n**What to do:** ${RULES[id].fix}`,
    },
    defaultConfiguration: { level: LEVEL[RULES[id].severity] },
    properties: { "security-severity": SCORE[RULES[id].severity], tags: ["supply-chain", "nix"] },
  }));
  const uri = r.lockFile.path.replace(/^\.\//, "");
  const log = {
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
        results: all.map((f) => result(f, ids.indexOf(f.rule as RuleId), uri)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
