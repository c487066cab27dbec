import { compareStrings, type InputPath } from "./input-path.js";
import type { InputRef, LockGraph, NodeKey } from "./graph.js";
import { FollowsResolver } from "./follows.js";

/**
 * The one limit of the walk: the longest input path (number of names, `a/b/c` is 3) flake-audit
 * reads. Real locks are under 10 deep (the deepest in a corpus of 98 public locks is 6). Every
 * report lists input paths, so a lock 50,000 deep would print 50,000²/2 names; ingest refuses a lock
 * with a longer listed, follows or parent path instead.
 */
export const MAX_INPUT_PATH_DEPTH = 100;

/** Why an edge of a lock that ingest has not yet checked leads nowhere (or somewhere it may not). */
export type EdgeProblem =
  | { readonly kind: "dangling" }
  | { readonly kind: "root-key" }
  /** The follows path does not resolve: FollowsResolver.resolve says why. */
  | { readonly kind: "follows" };

/** One input path of the lock: an edge of a walked node, with where it resolves. */
export interface ListedInput {
  /** The walked path of `parent` plus `name`. */
  readonly path: InputPath;
  readonly parent: NodeKey;
  readonly name: string;
  readonly ref: InputRef;
  /** The node the edge resolves to, follows included; absent when it does not resolve. */
  readonly target?: NodeKey;
  /** Set only on a lock ingest rejects. */
  readonly problem?: EdgeProblem;
}

/** Every input path of a lock, as Nix's `LockFile::getAllInputs` lists them, but breadth-first. */
export interface LockTraversal {
  /** Shortest first, then in byte order (compareInputPaths order), root's inputs first. */
  readonly inputs: readonly ListedInput[];
  /** Each node whose inputs were listed, with the path they were listed under; root first (`[]`). */
  readonly walked: ReadonlyMap<NodeKey, InputPath>;
  /** The first node whose inputs were not listed because their paths would exceed MAX_INPUT_PATH_DEPTH. */
  readonly tooDeep?: { readonly node: NodeKey; readonly path: InputPath };
  /** The resolver the walk used: it has every follows path of the lock memoised. */
  readonly resolver: FollowsResolver;
}

function listInput(graph: LockGraph, resolver: FollowsResolver, parent: NodeKey, path: InputPath): ListedInput {
  const name = path[path.length - 1] ?? "";
  const ref = graph.nodes.get(parent)?.inputs.get(name);
  if (ref === undefined) throw new Error(`unreachable: node '${parent}' lost input '${name}' during the walk`);
  // Each case builds its object whole: a lock lists tens of thousands of inputs.
  if (ref.kind === "follows") {
    const target = resolver.targetOf(ref.path);
    return target !== undefined
      ? { path, parent, name, ref, target }
      : { path, parent, name, ref, problem: { kind: "follows" } };
  }
  if (ref.key === graph.root) return { path, parent, name, ref, target: ref.key, problem: { kind: "root-key" } };
  return graph.nodes.has(ref.key)
    ? { path, parent, name, ref, target: ref.key }
    : { path, parent, name, ref, problem: { kind: "dangling" } };
}

/**
 * Breadth-first from the root over every input path. Each node's own inputs are listed once, under
 * the first (shortest, then byte-order smallest) path that reaches it by a node edge, as Nix's
 * `getAllInputs` lists them once; that makes the walk linear and safe on cycles. A follows edge is
 * listed (an alias of its target) but not descended: its target's inputs are listed from its own path.
 * Consequence: a node reached by two node edges (`a/x`, `b/x`) has both paths, but its inputs are
 * listed only under the first (`a/x/y`, not `b/x/y`); input-index.ts marks the nodes this affects.
 */
export function traverseLock(graph: LockGraph): LockTraversal {
  const resolver = new FollowsResolver(graph.nodes, graph.root);
  const inputs: ListedInput[] = [];
  const walked = new Map<NodeKey, InputPath>();
  let tooDeep: LockTraversal["tooDeep"];
  if (!graph.nodes.has(graph.root)) return { inputs, walked, resolver };
  walked.set(graph.root, []);
  const queue: NodeKey[] = [graph.root];
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head] ?? graph.root;
    const own = graph.nodes.get(key)?.inputs;
    if (own === undefined || own.size === 0) continue; // a leaf: most nodes of a large lock
    const at = walked.get(key) ?? [];
    const names = [...own.keys()].sort(compareStrings);
    if (names.length > 0 && at.length >= MAX_INPUT_PATH_DEPTH) {
      tooDeep ??= { node: key, path: at };
      continue;
    }
    for (const name of names) {
      const input = listInput(graph, resolver, key, [...at, name]);
      inputs.push(input);
      if (input.ref.kind === "node" && input.target !== undefined && !walked.has(input.target)) {
        walked.set(input.target, input.path);
        queue.push(input.target);
      }
    }
  }
  return { inputs, walked, resolver, ...(tooDeep !== undefined ? { tooDeep } : {}) };
}
