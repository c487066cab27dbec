import { compareInputPaths, type InputPath } from "./input-path.js";
import { resolveInputPath, type LockGraph, type NodeKey } from "./lock-graph.js";

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
  const followsMemo = new Map<string, NodeKey>();
  const resolveFollows = (path: InputPath): NodeKey => {
    const memoKey = path.join("\u0000");
    let key = followsMemo.get(memoKey);
    if (key === undefined) {
      const r = resolveInputPath(graph.nodes, graph.root, path);
      if (!r.ok) throw new Error(`lock graph is not total at ${path.join("/")}`);
      key = r.value;
      followsMemo.set(memoKey, key);
    }
    return key;
  };
  const addPath = (key: NodeKey, path: InputPath): boolean => {
    let list = paths.get(key);
    if (list === undefined) paths.set(key, (list = []));
    if (list.length >= MAX_PATHS_PER_NODE) {
      truncated.add(key);
      return false;
    }
    list.push(path);
    return true;
  };

  // Breadth-first over string edges so the first path recorded for a node is a shortest one.
  type Item = { key: NodeKey; path: InputPath; up: Item | undefined };
  const isAncestor = (item: Item, key: NodeKey): boolean => {
    for (let i: Item | undefined = item; i !== undefined; i = i.up) if (i.key === key) return true;
    return false;
  };
  const queue: Item[] = [{ key: graph.root, path: [], up: undefined }];
  for (let head = 0; head < queue.length; head++) {
    const item = queue[head]!;
    const { key, path } = item;
    const node = graph.nodes.get(key);
    if (node === undefined) continue;
    let resolved = edges.get(key);
    const first = resolved === undefined;
    if (resolved === undefined) edges.set(key, (resolved = new Map()));
    const names = [...node.inputs.keys()].sort();
    for (const name of names) {
      const ref = node.inputs.get(name)!;
      const target = ref.kind === "node" ? ref.key : resolveFollows(ref.path);
      if (first) resolved.set(name, target);
      const childPath = [...path, name];
      if (target === graph.root) continue;
      const added = addPath(target, childPath);
      // Follows edges are aliases: the target's own subtree is walked from its string-edge paths.
      if (ref.kind === "node" && added && !isAncestor(item, target)) {
        queue.push({ key: target, path: childPath, up: item });
      }
    }
  }
  for (const list of paths.values()) list.sort(compareInputPaths);
  const reachable = [...paths.keys()].filter((k) => k !== graph.root);
  return { paths, edges, reachable, truncated: [...truncated] };
}
