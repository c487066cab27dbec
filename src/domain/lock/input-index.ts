import type { InputPath } from "./input-path.js";
import type { LockGraph, NodeKey } from "./graph.js";
import { traverseLock, type ListedInput, type LockTraversal } from "./traversal.js";
import { getOrInsert } from "../map-utils.js";

/**
 * Every way each node is reached, from one walk of the lock (traversal.ts).
 * - `paths`: every listed input path that resolves to the node, shortest first, follows aliases
 *   included (`home-manager/nixpkgs` following `nixpkgs` lists both on the `nixpkgs` node);
 * - `edges`: each walked node's inputs with follows already resolved to node keys;
 * - `reachable`: non-root nodes reached from the root (Nix ignores the others), first reached first;
 * - `truncated`: nodes that more input paths resolve to than are listed, because they sit below a
 *   node reached by several node edges, whose own inputs are listed under its first path only;
 * - `rootPaths`: the listed input paths that resolve to the root flake itself (`follows = ""`).
 *   Like every other path, only those the walk lists: nothing below a follows edge (Nix's tree does
 *   not expand one), so `a/b/self` is not a path when `a/b` follows `b`; `b/self` is.
 */
export interface LockIndex {
  readonly paths: ReadonlyMap<NodeKey, readonly InputPath[]>;
  readonly edges: ReadonlyMap<NodeKey, ReadonlyMap<string, NodeKey>>;
  readonly reachable: readonly NodeKey[];
  readonly truncated: readonly NodeKey[];
  readonly rootPaths: readonly InputPath[];
}

const NO_EDGES: ReadonlyMap<string, NodeKey> = new Map();

export function indexLock(graph: LockGraph, walk: LockTraversal = traverseLock(graph)): LockIndex {
  const paths = new Map<NodeKey, InputPath[]>();
  const edges = new Map<NodeKey, ReadonlyMap<string, NodeKey>>();
  // A walked node without resolved inputs (most of them) gets the one shared empty map.
  for (const key of walk.walked.keys()) edges.set(key, NO_EDGES);
  const own = new Map<NodeKey, Map<string, NodeKey>>();
  const rootPaths: InputPath[] = [];
  for (const input of walk.inputs) {
    if (input.target === undefined) continue;
    let targets = own.get(input.parent);
    if (targets === undefined) {
      targets = new Map();
      own.set(input.parent, targets);
      edges.set(input.parent, targets);
    }
    targets.set(input.name, input.target);
    // The walk lists paths in compareInputPaths order, so each list is sorted as it grows.
    if (input.target === graph.root) {
      rootPaths.push(input.path);
      continue;
    }
    const list = paths.get(input.target);
    if (list === undefined) paths.set(input.target, [input.path]);
    else list.push(input.path);
  }
  return { paths, edges, reachable: [...paths.keys()], truncated: partiallyListed(walk.inputs), rootPaths };
}

/**
 * Nodes with unlisted input paths. A node that two or more node edges reach has its inputs listed
 * under its first path only, so every input below it (over node edges) has paths that resolve but are
 * not listed (`b/x/y` when `x` was walked as `a/x`); a follows edge there is one more such path, to
 * its target, but nothing below a follows is listed in any case.
 */
function partiallyListed(inputs: readonly ListedInput[]): NodeKey[] {
  const nodeEdgesInto = new Map<NodeKey, number>();
  const out = new Map<NodeKey, ListedInput[]>();
  for (const i of inputs) {
    if (i.target === undefined) continue;
    getOrInsert(out, i.parent, () => []).push(i);
    if (i.ref.kind === "node") nodeEdgesInto.set(i.target, (nodeEdgesInto.get(i.target) ?? 0) + 1);
  }
  const partial = new Set<NodeKey>();
  const queue = [...nodeEdgesInto].filter(([, n]) => n > 1).map(([k]) => k);
  const queued = new Set(queue);
  // A for-of over an array also visits what is pushed during the loop: a breadth-first queue.
  for (const key of queue) {
    for (const edge of out.get(key) ?? []) {
      if (edge.target === undefined) continue;
      partial.add(edge.target);
      if (edge.ref.kind === "node" && !queued.has(edge.target)) {
        queued.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return [...partial];
}
