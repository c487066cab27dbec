import { buildInputGraph } from "../domain/graph/build.js";
import type { GraphDepth } from "../domain/graph/collapse.js";
import type { InputGraph } from "../domain/graph/model.js";
import { buildInventory } from "../domain/lock/inventory.js";
import { evaluatePolicy } from "../domain/policy/evaluate.js";
import { readPolicy } from "./check.js";
import type { Files } from "./ports.js";
import { readLock } from "./read-lock.js";

export interface GraphRequest {
  readonly lockPath: string;
  /** The policy whose thresholds mark stale and unlocked inputs (the built-in one without it). */
  readonly policyPath?: string;
  /** Ages count to this instant (the injected clock). */
  readonly now: Date;
  readonly depth: GraphDepth;
}

/**
 * The input graph of a lock, with the marks `check --lock-only` would find (same policy, same
 * rules), so a picture never disagrees with the check report. Nothing is asked of GitHub or nix.
 */
export async function graphUseCase(req: GraphRequest, files: Files): Promise<InputGraph> {
  const { file, graph, walk } = await readLock(files, req.lockPath);
  const policy = await readPolicy(files, req.policyPath);
  const inventory = buildInventory(graph, undefined, { storePaths: false, walk });
  const { findings } = evaluatePolicy(inventory, undefined, policy, req.now);
  return buildInputGraph({ source: file.displayPath, graph, walk, inventory, findings, depth: req.depth });
}
