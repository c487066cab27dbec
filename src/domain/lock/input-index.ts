import { compareInputPaths, type InputPath } from "./input-path.js";
import type { LockGraph, NodeKey } from "./graph.js";
import { walkEdges } from "./walk.js";
import { getOrInsert } from "../map-utils.js";

/** How many input paths one node keeps; shared nodes in a DAG could otherwise have exponentially many. */
export const MAX_PATHS_PER_NODE = 64;

/**
 * Every way each node is reached, computed once per lock.
 * - `paths`: all input paths that resolve to the node, shortest first, including follows aliases
 *   (`home-manager/nixpkgs` following `nixpkgs` lists both on the `nixpkgs` node);
 * - `edges`: each node's inputs with follows already resolved to node keys;
 * - `reachable`: non-root nodes reached from the root (Nix ignores the others);
 * - `truncated`: nodes that had more paths than MAX_PATHS_PER_NODE.
 */
export interface LockIndex {
  readonly paths: ReadonlyMap<NodeKey, readonly InputPath[]>;
  readonly edges: ReadonlyMap<NodeKey, ReadonlyMap<string, NodeKey>>;
  readonly reachable: readonly NodeKey[];
  readonly truncated: readonly NodeKey[];
}

export function indexLock(graph: LockGraph): LockIndex {
  const paths = new Map<NodeKey, InputPath[]>();
  const edges = new Map<NodeKey, Map<string, NodeKey>>();
  const truncated = new Set<NodeKey>();
  const addPath = (key: NodeKey, path: InputPath): boolean => {
    const list = getOrInsert(paths, key, () => []);
    if (list.length >= MAX_PATHS_PER_NODE) {
      truncated.add(key);
      return false;
    }
    list.push(path);
    return true;
  };
  walkEdges(graph, ({ parent, name, path, ref, target }) => {
    const resolved = getOrInsert(edges, parent, () => new Map());
    if (!resolved.has(name)) resolved.set(name, target);
    if (target === graph.root) return false;
    const added = addPath(target, path);
    // Follows edges are aliases: the target's own subtree is walked from its string-edge paths.
    return ref.kind === "node" && added;
  });
  // A root without inputs still has an (empty) edge map, like every node the walk reached.
  if (graph.nodes.has(graph.root) && !edges.has(graph.root)) edges.set(graph.root, new Map());
  for (const list of paths.values()) list.sort(compareInputPaths);
  const reachable = [...paths.keys()].filter((k) => k !== graph.root);
  return { paths, edges, reachable, truncated: [...truncated] };
}
