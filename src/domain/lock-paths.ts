import type { InputPath } from "./input-path.js";
import { resolveInputPath, type LockGraph, type NodeKey } from "./lock-graph.js";
import { MAX_PATHS_PER_NODE } from "./lock-index.js";

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
  type Item = { key: NodeKey; path: InputPath; up: Item | undefined };
  const onChain = (item: Item, key: NodeKey): boolean => {
    for (let i: Item | undefined = item; i !== undefined; i = i.up) if (i.key === key) return true;
    return false;
  };
  const queue: Item[] = [{ key: graph.root, path: [], up: undefined }];
  for (let head = 0; head < queue.length; head++) {
    const item = queue[head]!;
    const { key, path } = item;
    const node = graph.nodes.get(key);
    if (node === undefined) continue;
    for (const name of [...node.inputs.keys()].sort()) {
      const ref = node.inputs.get(name)!;
      const childPath = [...path, name];
      if (ref.kind === "follows") {
        const target = resolveInputPath(graph.nodes, graph.root, ref.path);
        if (target.ok) out.set(childPath.join("/"), { path: childPath, key: target.value, follows: ref.path });
        continue;
      }
      out.set(childPath.join("/"), { path: childPath, key: ref.key });
      const n = expanded.get(ref.key) ?? 0;
      if (n < MAX_PATHS_PER_NODE && !onChain(item, ref.key) && ref.key !== graph.root) {
        expanded.set(ref.key, n + 1);
        queue.push({ key: ref.key, path: childPath, up: item });
      }
    }
  }
  return out;
}
