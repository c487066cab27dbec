import type { ContentAddress } from "./content-address.js";
import type { Hash } from "./hash.js";
import { compareStrings } from "./input-path.js";

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
  readonly infos: ReadonlyMap<string, PathInfo>;
  /** Paths the document reported as not valid in the store. */
  readonly invalid: readonly string[];
  /** References to paths the document does not describe, by referrer. */
  readonly danglingReferences: ReadonlyMap<string, readonly string[]>;
}

/** Paths that no other path in the closure references: the tops of the closure, sorted. */
export function closureRoots(c: Closure): string[] {
  const referenced = new Set<string>();
  for (const info of c.infos.values()) for (const r of info.references) if (r !== info.path) referenced.add(r);
  return [...c.infos.keys()].filter((p) => !referenced.has(p)).sort(compareStrings);
}

/** For each path, the paths that reference it (self-references dropped), sorted. */
export function referrersIndex(c: Closure): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const info of c.infos.values()) {
    for (const r of info.references) {
      if (r === info.path) continue;
      let list = out.get(r);
      if (list === undefined) out.set(r, (list = []));
      list.push(info.path);
    }
  }
  for (const list of out.values()) list.sort(compareStrings);
  return out;
}

/**
 * The shortest chain of references from any of `roots` to `target`, root first (like
 * `nix why-depends`). Searches backwards from the target, so its cost is that of the target's
 * referrers, not of the whole closure. Ties go to the byte-order smallest path.
 */
export function chainFromRoots(c: Closure, referrers: ReadonlyMap<string, readonly string[]>, roots: ReadonlySet<string>, target: string): string[] | undefined {
  if (!c.infos.has(target)) return undefined;
  const next = new Map<string, string>(); // path → the step after it toward the target
  const seen = new Set<string>([target]);
  let frontier = [target];
  while (frontier.length > 0) {
    const found = frontier.filter((p) => roots.has(p)).sort(compareStrings)[0];
    if (found !== undefined) {
      const chain = [found];
      for (let p = found; p !== target; ) chain.push((p = next.get(p)!));
      return chain;
    }
    const following: string[] = [];
    for (const p of frontier) {
      for (const r of referrers.get(p) ?? []) {
        if (seen.has(r)) continue;
        seen.add(r);
        next.set(r, p);
        following.push(r);
      }
    }
    frontier = following;
  }
  return undefined;
}

/** The shortest chain of references from `from` to `to`, both included, or undefined. */
export function referenceChain(c: Closure, from: string, to: string): string[] | undefined {
  const referrers = referrersIndex(c);
  return chainFromRoots(c, referrers, new Set([from]), to);
}
