import type { InputPath } from "./input-path.js";
import { err, ok, type Result } from "../result.js";
import type { SourceRef } from "./source-ref.js";

/** A key in flake.lock's `nodes` (e.g. `nixpkgs_2`). Nix invents these; they are never an identity. */
export type NodeKey = string & { readonly __brand: "NodeKey" };
export const nodeKey = (s: string): NodeKey => s as NodeKey;

/** An edge: a string names a node directly; an array is a `follows` path from the root. */
export type InputRef =
  | { readonly kind: "node"; readonly key: NodeKey }
  | { readonly kind: "follows"; readonly path: InputPath };

/** One node of flake.lock, e.g. the `nixpkgs` node with its locked github source. */
export interface InputNode {
  readonly key: NodeKey;
  /** False for `flake = false` inputs. */
  readonly isFlake: boolean;
  readonly inputs: ReadonlyMap<string, InputRef>;
  /** Absent only on the root node. */
  readonly locked?: SourceRef;
  readonly original?: SourceRef;
  /** Nix ≥ 2.26: the input path a relative `path:` input is resolved against. */
  readonly parent?: InputPath;
  /** Determinate Nix: fetched at build time. */
  readonly buildTime?: boolean;
}

/** A parsed flake.lock. Ingest guarantees it is total: every edge resolves. */
export interface LockGraph {
  readonly lockVersion: 5 | 6 | 7;
  readonly root: NodeKey;
  readonly nodes: ReadonlyMap<NodeKey, InputNode>;
}

export type FollowsError =
  | { readonly kind: "missing-input"; readonly at: InputPath; readonly name: string }
  | { readonly kind: "missing-node"; readonly at: InputPath; readonly key: NodeKey }
  | { readonly kind: "cycle"; readonly chain: readonly InputPath[] };

type Nodes = ReadonlyMap<NodeKey, InputNode>;

/**
 * Resolves an input path from the root exactly as Nix's `LockFile::findInput` does: each element
 * looks up `inputs[element]`; a follows edge is itself resolved from the root first. Every follows
 * path started during one resolution is remembered, and starting one again is a cycle.
 */
export function resolveInputPath(nodes: Nodes, root: NodeKey, path: InputPath): Result<NodeKey, FollowsError> {
  return walk(nodes, root, path, []);
}

function walk(nodes: Nodes, root: NodeKey, path: InputPath, started: InputPath[]): Result<NodeKey, FollowsError> {
  let current = root;
  for (let i = 0; i < path.length; i++) {
    const name = path[i]!;
    const node = nodes.get(current);
    if (node === undefined) return err({ kind: "missing-node", at: path.slice(0, i), key: current });
    const edge = node.inputs.get(name);
    if (edge === undefined) return err({ kind: "missing-input", at: path.slice(0, i), name });
    if (edge.kind === "node") {
      if (!nodes.has(edge.key)) return err({ kind: "missing-node", at: path.slice(0, i + 1), key: edge.key });
      current = edge.key;
      continue;
    }
    const target = edge.path;
    if (started.some((p) => p.length === target.length && p.every((x, j) => x === target[j]))) {
      return err({ kind: "cycle", chain: [...started, target] });
    }
    started.push(target);
    const r = walk(nodes, root, target, started);
    if (!r.ok) return r;
    current = r.value;
  }
  return ok(current);
}

/** Resolves one edge of a graph that ingest has already checked. */
export function targetOf(graph: LockGraph, ref: InputRef): NodeKey {
  if (ref.kind === "node") return ref.key;
  const r = resolveInputPath(graph.nodes, graph.root, ref.path);
  if (!r.ok) throw new Error(`lock graph is not total: ${JSON.stringify(r.error)}`);
  return r.value;
}
