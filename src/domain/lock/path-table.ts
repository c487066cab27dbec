import type { InputPath } from "./input-path.js";
import type { LockGraph, NodeKey } from "./graph.js";
import { walkEdges } from "./walk.js";
import { MAX_PATHS_PER_NODE } from "./input-index.js";

/** How an input path is reached: its node, and whether the last edge is a follows (and to where). */
export interface PathEntry {
  readonly path: InputPath;
  readonly key: NodeKey;
  readonly follows?: InputPath;
}

/**
 * Every input path of a lock with the node it resolves to, breadth-first from the root. Paths
 * through follows edges are listed but not descended (their target's own paths are), and each node
 * is descended at most MAX_PATHS_PER_NODE times, as in lock-index.ts.
 */
export function pathTable(graph: LockGraph): Map<string, PathEntry> {
  const out = new Map<string, PathEntry>();
  const expanded = new Map<NodeKey, number>();
  walkEdges(graph, ({ path, ref, target }) => {
    out.set(path.join("/"), ref.kind === "follows" ? { path, key: target, follows: ref.path } : { path, key: target });
    if (ref.kind === "follows") return false;
    const n = expanded.get(target) ?? 0;
    expanded.set(target, n + 1);
    return n < MAX_PATHS_PER_NODE;
  });
  return out;
}
