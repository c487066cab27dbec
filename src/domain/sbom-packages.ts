import type { Hash } from "./nix/hash.js";

/**
 * What an SBOM says about the packages of a closure: the facts domain/packages/ identifies from
 * derivations and nixpkgs meta, in the shape the renderers and `check` read. app/packages.ts fills
 * it; nothing here is CycloneDX.
 */

/** An upstream source a package's src/srcs point at: a fixed-output fetch or a local path. */
export interface PackageSource {
  /** The source's store path (the fetcher's output, or the local path's store copy). */
  readonly storePath: string;
  /** Fetcher derivation, absent for a local source. */
  readonly drvPath?: string;
  /** nixpkgs fetcher the derivation has the shape of (`fetchurl`, `fetchzip`, `fetchgit`), `local` for `src = ./…`. */
  readonly method: string;
  readonly name: string;
  readonly version?: string;
  /** URLs as written (`urls`/`url`), each with its mirror:// resolutions (empty when not a mirror URL). */
  readonly urls: ReadonlyArray<{ readonly url: string; readonly resolved: readonly string[] }>;
  /** For git fetches: the repository URL and the revision. */
  readonly git?: { readonly url: string; readonly rev?: string };
  /** The pinned hash and whether it is of the file (flat) or of its NAR serialisation (recursive). */
  readonly hash?: { readonly hash: Hash; readonly mode: "flat" | "recursive" };
  /** A purl scanners can match (pkg:github, pkg:pypi, pkg:cargo, pkg:npm, pkg:generic). */
  readonly purl?: string;
}

export interface PackagePatch {
  /** Store path of the patch (a fetchpatch output, or a local file's store copy). */
  readonly storePath: string;
  readonly name: string;
  /** For fetched patches: where from, and the pinned hash. */
  readonly url?: string;
  readonly hash?: { readonly hash: Hash; readonly mode: "flat" | "recursive" };
  /** `backport` when the patch comes from the package's own upstream repository, else `unofficial`. */
  readonly kind: "backport" | "unofficial";
  /** Advisory ids the patch names (CVE-…), for `resolves`. */
  readonly resolves: readonly string[];
}

/** One licence as nixpkgs meta gives it: an SPDX id when it has one, else its name. */
export type PackageLicense =
  | { readonly spdxId: string; readonly name?: string; readonly free?: boolean }
  | { readonly spdxId?: undefined; readonly name: string; readonly free?: boolean };

export interface PackageLicenses {
  readonly licenses: readonly PackageLicense[];
  /** An SPDX expression for all of them (a meta.license list of SPDX ids), when one can be written. */
  readonly expression?: string;
}

/** One runtime store path identified as a package output. */
export interface SbomPackage {
  readonly outPath: string;
  readonly drvPath: string;
  readonly output: string;
  /** pname, or the store name's parse when the derivation has none. */
  readonly name: string;
  readonly version?: string;
  readonly sources: readonly PackageSource[];
  readonly patches: readonly PackagePatch[];
  /** Absent when no meta was joined; `licenses: []` when meta has none. */
  readonly licenses?: PackageLicenses;
  readonly homepages: readonly string[];
  readonly cpe?: string;
  /** meta.identifiers.purl, when nixpkgs gives one. */
  readonly purl?: string;
  readonly description?: string;
}

/** The packages of a closure, and what could not be joined. */
export interface ClosurePackages {
  /** Runtime store path → its package. */
  readonly byPath: ReadonlyMap<string, SbomPackage>;
  /** With --buildtime: sources reachable from the derivations but not in the runtime closure. */
  readonly buildTime: readonly PackageSource[];
  /** Whether meta was given: without it, a missing licence is unknown, not absent. */
  readonly withMeta: boolean;
}
