import { buildInventory, type LockInventory } from "../domain/lock/inventory.js";
import { isTarget, provenanceTargets, type GithubTarget } from "../domain/provenance/upstream-facts.js";
import type { Gap, SubjectFile, ToolInfo } from "../domain/report.js";
import { buildResolveReport, type ResolveReport } from "../domain/provenance/report.js";
import type { Files, ProvenanceSource } from "./ports.js";
import { readLock } from "./read-lock.js";
import { gapsByCause } from "../domain/report-gaps.js";

export interface ResolveRequest {
  readonly lockPath: string;
  readonly tool: ToolInfo;
  readonly offline: boolean;
  /** GitHub Enterprise hosts the user configured (--github-host). */
  readonly enterpriseHosts: readonly string[];
}

/** Upstream facts for every input of a lock inventory. Used by `resolve`, `sbom --resolve` and `check`. */
export async function resolveInventory(
  inventory: LockInventory,
  source: ProvenanceSource,
  meta: { tool: ToolInfo; offline: boolean; enterpriseHosts: readonly string[]; lockFile?: SubjectFile },
): Promise<ResolveReport> {
  const entries = provenanceTargets(inventory.inputs, meta.enterpriseHosts);
  const targets: GithubTarget[] = entries.map((e) => e.target).filter(isTarget);
  const batch = await source.resolve(targets);
  const gaps: Gap[] = batch.notes.map((reason) => ({ reason }));
  return buildResolveReport(entries, batch, {
    tool: meta.tool,
    ...(meta.lockFile !== undefined ? { lockFile: meta.lockFile } : {}),
    offline: meta.offline,
    gaps,
  });
}

/** `flake-audit resolve`: a lock → what each input is upstream. */
export async function resolveUseCase(
  req: ResolveRequest,
  files: Files,
  source: () => ProvenanceSource,
): Promise<ResolveReport> {
  const { file, graph } = await readLock(files, req.lockPath);
  const report = await resolveInventory(buildInventory(graph), source(), {
    tool: req.tool,
    offline: req.offline,
    enterpriseHosts: req.enterpriseHosts,
    lockFile: { path: file.displayPath, sha256: file.sha256 },
  });
  // Each failed input keeps its reason in `inputs`; the gaps say each cause once, with its count.
  return { ...report, gaps: gapsByCause(report.gaps) };
}
