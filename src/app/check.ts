import { evaluatePackagePolicy, evaluatePolicy, type CheckFinding } from "../domain/policy/evaluate.js";
import type { CheckReport, LocatedFinding } from "../domain/policy/report.js";
import { buildInventory } from "../domain/lock/inventory.js";
import { BUILT_IN_POLICY, type Policy } from "../domain/policy/policy.js";
import type { ToolInfo } from "../domain/report.js";
import { gapsByCause } from "../domain/report-gaps.js";
import { positionsAt, stringEnd } from "../ingest/json-locate.js";
import { nodeOffsets } from "../ingest/json-members.js";
import { InputError, UsageError } from "./errors.js";
import type { Files, NixStore, ProvenanceSource, Workspace } from "./ports.js";
import { readLock } from "./read-lock.js";
import { isStdin } from "./stdin.js";
import { resolveInventory } from "./resolve.js";
import { checkPackages, noNix } from "./check-packages.js";
import { checkedInputs } from "../domain/policy/checked-input.js";
import type { SbomPackagesRequest } from "./closure-packages.js";
import type { ClosureSource } from "./read-closure.js";
import type { SourceStore } from "./licence-ports.js";
import { readSourceLicences } from "./source-licences.js";

export interface CheckRequest {
  /** Optional with a closure: then only the closure's packages are checked. */
  readonly lockPath?: string;
  readonly policyPath?: string;
  readonly upstream: "online" | "offline" | "lock-only";
  readonly enterpriseHosts: readonly string[];
  readonly tool: ToolInfo;
  readonly now: Date;
  /** With a closure and its derivations (and meta): licence rules over its packages. */
  readonly closure?: ClosureSource;
  readonly packages?: SbomPackagesRequest;
  /** The local store to read locked sources' licence files from, when the policy has allowedLicenses. */
  readonly sourceStore?: SourceStore;
}

/** Whether any input has an allowedLicenses list to be checked against. */
const checksLicences = (policy: Policy): boolean =>
  policy.defaults.allowedLicenses !== undefined ||
  policy.overrides.some((o) => o.settings.allowedLicenses !== undefined);

export async function readPolicy(files: Files, path: string | undefined): Promise<Policy> {
  if (path === undefined) return BUILT_IN_POLICY;
  const file = await files.readText(path);
  // The policy parser (yaml, zod) loads only when there is a policy file: a run with the built-in
  // policy starts without them.
  const { parsePolicy } = await import("../ingest/policy/policy.js");
  const parsed = parsePolicy(file.text, file.displayPath);
  if (!parsed.ok) throw new InputError(parsed.error);
  return parsed.value;
}

const keyEnd = (text: string, start: number): number => {
  const quote = stringEnd(text, start);
  return quote < 0 ? text.length : quote + 1;
};

/** Findings located at the key of their node in `nodes`: the span a code-scanning alert marks. */
function locator(text: string, findings: readonly CheckFinding[]): (f: CheckFinding) => LocatedFinding {
  const offsets = nodeOffsets(text);
  const starts = findings.map((f) => offsets.get(f.nodeKey ?? "")).filter((o): o is number => o !== undefined);
  // The key's span ends after its closing quote (json-locate's stringEnd gives the quote's offset).
  const ends = new Map(starts.map((o) => [o, keyEnd(text, o)]));
  const positions = positionsAt(text, [...starts, ...ends.values()]);
  return (f) => {
    const o = offsets.get(f.nodeKey ?? "");
    const start = o !== undefined ? positions.get(o) : undefined;
    const end = o !== undefined ? positions.get(ends.get(o) ?? -1) : undefined;
    return start !== undefined && end !== undefined
      ? { ...f, location: { ...start, endLine: end.line, endColumn: end.column } }
      : f;
  };
}

/** The policy as the report shows it: its source and the effective default settings. */
const policySummary = (policy: Policy): CheckReport["policy"] => ({
  source: policy.source,
  settings: policy.defaults,
  overrides: policy.overrides.length,
  allowances: policy.allow.length,
});

/**
 * A lock (and its upstream facts) and a closure's packages against a policy, lock findings located
 * at their lock nodes. Without a lock (a closure alone) only the packages are checked, and the
 * report names only the files that were read.
 */
export async function checkUseCase(
  req: CheckRequest,
  files: Files,
  source: () => Promise<ProvenanceSource>,
  workspace?: Workspace,
  nix: () => NixStore = noNix,
): Promise<CheckReport> {
  const policy = await readPolicy(files, req.policyPath);
  if (req.lockPath === undefined) {
    if (req.closure === undefined) throw new UsageError("nothing to check: give a lock file or a closure");
    const packages = await checkPackages(req, files, nix);
    const { findings, suppressed } = evaluatePackagePolicy(packages.packages, policy, req.now);
    return {
      schemaVersion: 1,
      tool: req.tool,
      evaluatedAt: req.now.toISOString(),
      ...(packages.closureFile !== undefined ? { closureFile: packages.closureFile } : {}),
      policy: policySummary(policy),
      findings,
      suppressed,
      gaps: packages.gaps,
    };
  }
  const { file, graph } = await readLock(files, req.lockPath);
  const inventory = buildInventory(graph, undefined, { storePaths: false });
  const provenance =
    req.upstream === "lock-only"
      ? undefined
      : await resolveInventory(inventory, await source(), {
          tool: req.tool,
          offline: req.upstream === "offline",
          enterpriseHosts: req.enterpriseHosts,
        });
  const packages = await checkPackages(req, files, nix);
  const sourceLicences =
    req.sourceStore !== undefined && checksLicences(policy)
      ? await readSourceLicences(inventory, req.sourceStore)
      : undefined;
  const { findings, suppressed, gaps } = evaluatePolicy(
    inventory,
    provenance,
    policy,
    req.now,
    packages.packages,
    sourceLicences,
  );
  const locate = locator(file.text, [...findings, ...suppressed]);
  const repositoryPath = isStdin(req.lockPath) ? undefined : await workspace?.repositoryPath(req.lockPath);
  return {
    schemaVersion: 1,
    tool: req.tool,
    evaluatedAt: req.now.toISOString(),
    // The hash when a renderer reads it: a text check does not, and hashing loads node:crypto.
    lockFile: {
      path: file.displayPath,
      get sha256() {
        return file.sha256;
      },
    },
    ...(packages.closureFile !== undefined ? { closureFile: packages.closureFile } : {}),
    ...(repositoryPath !== undefined ? { repositoryPath } : {}),
    upstream: req.upstream,
    policy: policySummary(policy),
    findings: findings.map(locate),
    suppressed: suppressed.map(locate),
    gaps: [...gapsByCause([...(provenance?.gaps ?? []), ...gaps]), ...packages.gaps],
    inputs: checkedInputs(inventory.inputs, provenance),
  };
}
