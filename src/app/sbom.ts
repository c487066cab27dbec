import { formatInputPath } from "../domain/input-path.js";
import { buildInventory } from "../domain/inventory.js";
import type { Gap, SbomModel, ToolInfo } from "../domain/reports.js";
import type { Files } from "./ports.js";
import { readLock } from "./read-lock.js";

export interface SbomRequest {
  readonly lockPath: string;
  readonly name?: string;
  readonly tool: ToolInfo;
  readonly timestamp?: Date;
  readonly serialNumber?: string;
  readonly reproducible: boolean;
}

export interface SbomResult {
  readonly model: SbomModel;
  /** Human warnings for stderr: unlocked or not content-pinned inputs. */
  readonly warnings: readonly string[];
}

const PINNING_WARNING = {
  unlocked: "is not locked (no rev or narHash); its content can change without the lock changing",
  "rev-only": "is locked to a commit but has no narHash, so its content is not pinned",
} as const;

/** flake.lock → SbomModel: every distinct locked source with its input paths and dependency graph. */
export async function buildSbom(req: SbomRequest, files: Files): Promise<SbomResult> {
  const { file, graph } = await readLock(files, req.lockPath);
  const inventory = buildInventory(graph);
  const gaps: Gap[] = [];
  const warnings: string[] = [];
  for (const input of inventory.inputs) {
    if (input.pinning === "unlocked" || input.pinning === "rev-only") {
      const text = `input '${formatInputPath(input.primaryPath)}' ${PINNING_WARNING[input.pinning]}`;
      warnings.push(text);
      gaps.push({ input: input.id, reason: text });
    }
  }
  const model: SbomModel = {
    tool: req.tool,
    flakeName: req.name ?? file.directoryName,
    lockFile: { path: file.displayPath, sha256: file.sha256 },
    lockVersion: graph.lockVersion,
    inventory,
    ...(req.timestamp !== undefined ? { timestamp: req.timestamp } : {}),
    ...(req.serialNumber !== undefined ? { serialNumber: req.serialNumber } : {}),
    reproducible: req.reproducible,
    gaps,
  };
  return { model, warnings };
}
