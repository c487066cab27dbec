import type { InputPath } from "./input-path.js";
import { resolveInputPath, type InputRef, type LockGraph, type NodeKey } from "./graph.js";
import { getOrInsert } from "../map-utils.js";

/** One edge met while walking a lock from its root. */
export interface WalkedEdge {
  readonly parent: NodeKey;
  readonly name: string;
  /** The input path this edge makes (`[...parent's path, name]`). */
  readonly path: InputPath;
  readonly ref: InputRef;
  /** The node the edge resolves to, follows included. */
  readonly target: NodeKey;
}

/**
 * Breadth-first over a lock from the root, input names in byte order, so the first path met for a
 * node is a shortest one. `visit` says whether to descend into the edge's target; descent never
 * re-enters a node already on the current path (cycles) or the root. Follows are resolved once each.
 */
export function walkEdges(graph: LockGraph, visit: (edge: WalkedEdge) => boolean): void {
  const memo = new Map<string, NodeKey>();
  const resolve = (path: InputPath): NodeKey => {
    const k = path.join("\u0000");
    return getOrInsert(memo, k, () => {
      const r = resolveInputPath(graph.nodes, graph.root, path);
      if (!r.ok) throw new Error(`lock graph is not total at ${path.join("/")}`);
      return r.value;
    });
  };
  type Item = { key: NodeKey; path: InputPath; up: Item | undefined };
  const onChain = (item: Item, key: NodeKey): boolean => {
    for (let i: Item | undefined = item; i !== undefined; i = i.up) if (i.key === key) return true;
    return false;
  };
  const queue: Item[] = [{ key: graph.root, path: [], up: undefined }];
  for (let head = 0; head < queue.length; head++) {
    const item = queue[head]!;
    const node = graph.nodes.get(item.key);
    if (node === undefined) continue;
    for (const name of [...node.inputs.keys()].sort()) {
      const ref = node.inputs.get(name)!;
      const target = ref.kind === "node" ? ref.key : resolve(ref.path);
      const path = [...item.path, name];
      const descend = visit({ parent: item.key, name, path, ref, target });
      if (descend && target !== graph.root && !onChain(item, target)) queue.push({ key: target, path, up: item });
    }
  }
}
