import type { InputPath } from "./input-path.js";
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
