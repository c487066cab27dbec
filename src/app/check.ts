import { evaluatePolicy, type CheckFinding } from "../domain/policy/evaluate.js";
import type { CheckReport, LocatedFinding } from "../domain/policy/report.js";
import { buildInventory } from "../domain/lock/inventory.js";
import { BUILT_IN_POLICY, type Policy } from "../domain/policy/policy.js";
import type { ToolInfo } from "../domain/report.js";
import { nodeOffsets, positionsAt } from "../ingest/json-locate.js";
import { parsePolicy } from "../ingest/policy/policy.js";
import { InputError } from "./errors.js";
import type { Files, ProvenanceSource } from "./ports.js";
import { readLock } from "./read-lock.js";
import { resolveInventory } from "./resolve.js";

export interface CheckRequest {
  readonly lockPath: string;
  readonly policyPath?: string;
  readonly upstream: "online" | "offline" | "lock-only";
  readonly enterpriseHosts: readonly string[];
  readonly tool: ToolInfo;
  readonly now: Date;
}

async function readPolicy(files: Files, path: string | undefined): Promise<Policy> {
  if (path === undefined) return BUILT_IN_POLICY;
  const file = await files.readText(path);
  const parsed = parsePolicy(file.text, file.displayPath);
  if (!parsed.ok) throw new InputError(parsed.error);
  return parsed.value;
}

/** A lock (and its upstream facts) against a policy, findings located at their lock nodes. */
export async function checkUseCase(
  req: CheckRequest,
  files: Files,
  source: () => ProvenanceSource,
): Promise<CheckReport> {
  const policy = await readPolicy(files, req.policyPath);
  const { file, graph } = await readLock(files, req.lockPath);
  const inventory = buildInventory(graph, undefined, { storePaths: false });
  const provenance =
    req.upstream === "lock-only"
      ? undefined
      : await resolveInventory(inventory, source(), {
          tool: req.tool,
          offline: req.upstream === "offline",
          enterpriseHosts: req.enterpriseHosts,
        });
  const { findings, suppressed } = evaluatePolicy(inventory, provenance, policy, req.now);
  const offsets = nodeOffsets(file.text);
  const positions = positionsAt(
    file.text,
    [...findings, ...suppressed].map((f) => offsets.get(f.nodeKey ?? "")).filter((o): o is number => o !== undefined),
  );
  const locate = (f: CheckFinding): LocatedFinding => {
    const o = offsets.get(f.nodeKey ?? "");
    const p = o !== undefined ? positions.get(o) : undefined;
    return p !== undefined ? { ...f, location: p } : f;
  };
  return {
    schemaVersion: 1,
    tool: req.tool,
    evaluatedAt: req.now.toISOString(),
    lockFile: { path: file.displayPath, sha256: file.sha256 },
    upstream: req.upstream,
    policy: {
      source: policy.source,
      settings: policy.defaults,
      overrides: policy.overrides.length,
      allowances: policy.allow.length,
    },
    findings: findings.map(locate),
    suppressed: suppressed.map(locate),
    gaps: provenance?.gaps ?? [],
  };
}
