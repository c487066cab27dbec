import { formatInputPath, type InputPath } from "./input-path.js";
import type { LockGraph, NodeKey } from "./graph.js";
import { traverseLock } from "./traversal.js";

/** How an input path is reached: its node, and whether the last edge is a follows (and to where). */
export interface PathEntry {
  readonly path: InputPath;
  readonly key: NodeKey;
  readonly follows?: InputPath;
}

/**
 * Every input path of a lock with the node it resolves to, keyed by the printed path, in the
 * walk's order (traversal.ts: the paths Nix's `getAllInputs` lists, so the ones `nix flake lock`
 * reports as updated).
 */
export function pathTable(graph: LockGraph): Map<string, PathEntry> {
  const out = new Map<string, PathEntry>();
  for (const { path, ref, target } of traverseLock(graph).inputs) {
    if (target === undefined) continue;
    out.set(
      formatInputPath(path),
      ref.kind === "follows" ? { path, key: target, follows: ref.path } : { path, key: target },
    );
  }
  return out;
}
