import type { ArtifactLocation, Location, Log, ReportingDescriptor, Result } from "sarif";
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
/**
 * `rev-not-found` → `RevNotFound`. SARIF wants `name` to differ from the opaque `id`, and the
 * multitool compares them ignoring case, so a one-word id gets a noun: `stale` → `StaleInput`.
 */
const title = (id: string): string =>
  id.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase()) + (id.includes("-") ? "" : "Input");

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

/** A path as a URI reference: each segment percent-encoded, the slashes kept. */
const uriPath = (p: string): string => p.split("/").map(encodeURIComponent).join("/");

const SRCROOT = "%SRCROOT%";

/**
 * The category of a check without a lock: the closure file's name (no machine path), `closure` for
 * one nix answered or standard input.
 */
function closureKey(r: CheckReport): string {
  const p = r.closureFile?.path;
  if (p === undefined || p === "<stdin>") return "closure";
  return p.slice(p.lastIndexOf("/") + 1);
}

/**
 * Where the lock is, as code scanning resolves it: from the repository root (%SRCROOT%) when the lock
 * is in a git work tree, however it was named; a relative path as given otherwise; `stdin` (a
 * relative reference that names no machine path) for standard input.
 */
function artifactOf(r: CheckReport): { location?: ArtifactLocation; key: string } {
  if (r.lockFile === undefined) return { key: closureKey(r) };
  if (r.repositoryPath !== undefined)
    return { location: { uri: uriPath(oneLine(r.repositoryPath)), uriBaseId: SRCROOT }, key: r.repositoryPath };
  const p = oneLine(r.lockFile.path).replace(/^\.\//, "");
  if (r.lockFile.path === "<stdin>") return { location: { uri: "stdin" }, key: "stdin" };
  if (p.startsWith("/")) return { location: { uri: `file://${uriPath(p)}` }, key: p.slice(p.lastIndexOf("/") + 1) };
  return { location: { uri: uriPath(p), uriBaseId: SRCROOT }, key: p.replace(/^(\.\.\/)+/, "") };
}

function locationOf(f: LocatedFinding, artifact: ArtifactLocation): Location {
  return {
    physicalLocation: {
      artifactLocation: artifact,
      ...(f.location !== undefined
        ? {
            region: {
              startLine: f.location.line,
              startColumn: f.location.column,
              endLine: f.location.endLine,
              endColumn: f.location.endColumn,
            },
          }
        : {}),
    },
  };
}

/** SARIF message text is plain text, but code scanning shows it: lock and upstream text lose its controls. */
function result(f: LocatedFinding, ruleIndex: number, artifact: ArtifactLocation | undefined): Result {
  return {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: oneLine(`${f.input}: ${f.message}`) },
    // A closure checked without a lock has no file to point at: the result names its store path.
    ...(artifact !== undefined ? { locations: [locationOf(f, artifact)] } : {}),
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
  const artifact = artifactOf(r);
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
        ...(artifact.location?.uriBaseId !== undefined
          ? {
              originalUriBaseIds: {
                [SRCROOT]: {
                  description: { text: "The root of the repository (the git work tree) holding the lock." },
                },
              },
            }
          : {}),
        // The category (all but the last segment) tells apart the locks of one repository; no machine paths.
        automationDetails: { id: `flake-audit/check/${oneLine(artifact.key)}/` },
        results: all.map((f) => result(f, ids.indexOf(f.rule), artifact.location)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
