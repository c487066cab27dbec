import type { ContentAddress } from "../nix/content-address.js";
import type { Hash } from "../nix/hash.js";
import { compareStrings } from "../lock/input-path.js";
import { referrers, rootIds, type ClosureGraph, type PathIds } from "./graph.js";

// Index `!`s here: tsc (noUncheckedIndexedAccess) cannot see that ids below the path count, and
// offsets taken from refStart, are in range of the typed arrays they index; checks would slow the walks.

/** A signature as `nix store sign` makes it: `{ keyName: "cache.nixos.org-1", sig: "<base64>" }`. */
export interface Signature {
  readonly keyName: string;
  readonly sig: string;
}

/** One store object, normalised from any `nix path-info --json` shape. Paths are full store paths. */
export interface PathInfo {
  readonly path: string;
  readonly narHash: Hash;
  readonly narSize?: number;
  /** Runtime references as written, sorted; may include the path itself. */
  readonly references: readonly string[];
  readonly deriver?: string;
  readonly ca?: ContentAddress;
  readonly signatures: readonly Signature[];
  readonly registrationTime?: number;
  readonly ultimate?: boolean;
  readonly closureSize?: number;
}

/** Which `nix path-info --json` shape a document had. */
export type PathInfoShape =
  | "list" // Nix 2.0–2.18 and Lix: an array of objects with `path`
  | "map" // Nix 2.19–2.32: an object keyed by full store path, null for invalid paths
  | "format-1" // Nix 2.33+ --json-format 1: the map with version and storeDir in each object
  | "format-2" // Nix 2.33+: {version: 2, storeDir, info: {<basename>: …}}, base names inside
  | "format-3"; // as 2, with structured signatures

export interface Closure {
  readonly storeDir: string;
  readonly shape: PathInfoShape;
  /** The described paths, looked up through `ids` (a Map of 100,000 long keys costs more than the lookup). */
  readonly infos: PathInfoIndex;
  /** The same infos by id (`list[i]` describes `graph.paths[i]`). */
  readonly list: readonly PathInfo[];
  /** The reference graph over integer ids; ids and `ids.get()` agree with `graph.paths`. */
  readonly graph: ClosureGraph;
  readonly ids: PathIds;
  /** Paths the document reported as not valid in the store. */
  readonly invalid: readonly string[];
  /** References to paths the document does not describe, by referrer. */
  readonly danglingReferences: ReadonlyMap<string, readonly string[]>;
}

/** The subset of ReadonlyMap that closures need, over the id index. */
export interface PathInfoIndex {
  readonly size: number;
  get(path: string): PathInfo | undefined;
  has(path: string): boolean;
  values(): IterableIterator<PathInfo>;
  keys(): IterableIterator<string>;
}

/** Infos in id order (`list[i]` describes `ids.paths[i]`), indexed by path. */
export function pathInfoIndex(ids: PathIds, list: readonly PathInfo[]): PathInfoIndex {
  return {
    size: list.length,
    get: (p) => {
      const i = ids.get(p);
      return i !== undefined && i < list.length ? list[i] : undefined;
    },
    has: (p) => {
      const i = ids.get(p);
      return i !== undefined && i < list.length;
    },
    values: () => list.values(),
    keys: () => list.map((i) => i.path).values(),
  };
}

/** Paths that no other path in the closure references: the tops of the closure, sorted. */
export function closureRoots(c: Closure): string[] {
  return rootIds(c.graph)
    .map((i) => c.graph.paths[i]!)
    .sort(compareStrings);
}

/**
 * The shortest chain of references from any of `roots` to `target`, root first (like
 * `nix why-depends`). Searches backwards from the target over the referrer index, level by level;
 * ties go to the byte-order smallest path.
 */
export function chainFromRoots(
  c: Closure,
  back: { readonly start: Int32Array; readonly ids: Int32Array },
  roots: ReadonlySet<string>,
  target: string,
): string[] | undefined {
  const t = c.ids.get(target);
  if (t === undefined || t >= c.graph.described) return undefined;
  const paths = c.graph.paths;
  const next = new Int32Array(paths.length).fill(-1); // id → the step after it toward the target
  const seen = new Uint8Array(paths.length);
  seen[t] = 1;
  let frontier = [t];
  while (frontier.length > 0) {
    const found = frontier
      .filter((i) => roots.has(paths[i]!))
      .map((i) => paths[i]!)
      .sort(compareStrings)[0];
    if (found !== undefined) {
      const chain = [found];
      for (let i = c.ids.get(found)!; i !== t; ) {
        i = next[i]!;
        chain.push(paths[i]!);
      }
      return chain;
    }
    const following: number[] = [];
    for (const i of frontier) {
      for (let k = back.start[i]!; k < back.start[i + 1]!; k++) {
        const r = back.ids[k]!;
        if (seen[r] === 1) continue;
        seen[r] = 1;
        next[r] = i;
        following.push(r);
      }
    }
    frontier = following;
  }
  return undefined;
}

/** The shortest chain of references from `from` to `to`, both included, or undefined. */
export function referenceChain(c: Closure, from: string, to: string): string[] | undefined {
  return chainFromRoots(c, referrers(c.graph), new Set([from]), to);
}
