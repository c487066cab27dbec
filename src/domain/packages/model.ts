import type { CaMethod } from "../nix/content-address.js";

/** A hash as CycloneDX writes it: `{ alg: "SHA-256", content: "<lowercase hex>" }`. */
export interface CdxHash {
  readonly alg: "MD5" | "SHA-1" | "SHA-256" | "SHA-512";
  readonly content: string;
}

/**
 * A fetched file's or tree's hash. `method` says what was hashed: `flat` is the downloaded file
 * itself (what a consumer can check a download against); `nar` the NAR serialisation of the
 * unpacked tree (fetchzip, fetchgit, fetchFromGitHub); `text` and `git` Nix's other methods.
 */
export interface SourceHash extends CdxHash {
  readonly method: CaMethod;
  /** The derivation's `outputHash` as nixpkgs wrote it (SRI, nix32 or hex), when it has one. */
  readonly written?: string;
}

/** One URL of a fetch. A `mirror://site/file` URL becomes one entry per mirror, each naming it in `mirror`. */
export interface SourceUrl {
  readonly url: string;
  /** The `mirror://` URL this one was resolved from. */
  readonly mirror?: string;
  /** A `mirror://` URL kept as written: its site is not in the mirrors file, or the file was not given. */
  readonly unresolved?: true;
}

/** purl components before encoding (the purl spec's); render/sbom/purl.ts builds the string. */
export interface PurlParts {
  readonly type: string;
  readonly namespace?: string;
  readonly name: string;
  readonly version?: string;
  /** Sorted by key, as the spec's canonical form orders them. */
  readonly qualifiers?: readonly (readonly [string, string])[];
  readonly subpath?: string;
}

/**
 * Where a store path a package names (a `src`, `srcs` or `patches` entry) came from:
 * - `fetched`: the output of a fixed-output derivation (fetchurl, fetchzip, fetchgit, fetchpatch …);
 * - `local`: a path added to the store from the expression's own files (`src = ./.`), an input source;
 * - `built`: the output of an ordinary derivation (a source produced by a build step);
 * - `unknown`: a store path neither the derivations nor the package's inputs account for.
 */
export type Origin =
  | {
      readonly kind: "fetched";
      readonly path: string;
      readonly drvPath: string;
      /** The fetcher derivation's name, e.g. `hello-2.12.1.tar.gz` or `source`. */
      readonly name: string;
      /** `urls`, else `url`, as written, with `mirror://` URLs resolved (originals kept in `mirror`). */
      readonly urls: readonly SourceUrl[];
      /** fetchgit-style sources: the repository and revision (`tag` when the rev is `refs/tags/…`). */
      readonly git?: { readonly url: string; readonly rev?: string; readonly tag?: string };
      readonly hash?: SourceHash;
      readonly purl?: PurlParts;
    }
  | { readonly kind: "local"; readonly path: string; readonly name: string; readonly narHash?: CdxHash }
  | { readonly kind: "built"; readonly path: string; readonly drvPath: string; readonly name: string }
  | { readonly kind: "unknown"; readonly path: string };

/** One licence from `meta.license`: an SPDX id when nixpkgs gives one, else a name; never an invented id. */
export interface License {
  readonly spdxId?: string;
  /** `fullName`, else `shortName`, else the string nixpkgs wrote. At least one of spdxId and name is set. */
  readonly name?: string;
  readonly url?: string;
  /** `free: false` in nixpkgs: unfree. Undefined when nixpkgs does not say. */
  readonly free?: boolean;
  readonly redistributable?: boolean;
}

/**
 * What is known about a package's licence:
 * - `declared`: meta lists licences; a list in nixpkgs means parts of the package are licensed
 *   differently (nixpkgs doc/stdenv/meta.chapter.md, `license`), so every entry applies: all-of, `AND`;
 * - `none`: meta has no `license`;
 * - `no-meta`: no meta entry for this output path, so nothing can be said (a gap, not "none").
 */
export type LicenseFacts =
  | { readonly status: "declared"; readonly licenses: readonly License[] }
  | { readonly status: "none" }
  | { readonly status: "no-meta" };

/** nixpkgs metadata for one output path (`nix-env -qa --json --meta --out-path`). */
export interface PackageMeta {
  /** The attribute name nix-env listed it under. */
  readonly attr: string;
  readonly name?: string;
  readonly pname?: string;
  readonly version?: string;
  readonly description?: string;
  /** `license` absent: undefined; present: the licences (possibly none readable, then empty). */
  readonly licenses?: readonly License[];
  /** `meta.homepage`, a string or a list. */
  readonly homepages: readonly string[];
  /** `meta.identifiers.cpe`. */
  readonly cpe?: string;
  /** `meta.identifiers.purls`, else `[meta.identifiers.purl]`, as strings nixpkgs wrote. */
  readonly purls: readonly string[];
}

/**
 * Output path → meta, as ingest/meta builds it (every output of every entry). Not a Map: a
 * nixpkgs-wide file has 100,000 entries and a closure reads a few thousand, so entries are
 * converted on lookup.
 */
export interface MetaIndex {
  /** How many output paths the file lists. */
  readonly size: number;
  get(outputPath: string): PackageMeta | undefined;
  keys(): Iterable<string>;
}

/** A mirrors file (fetchurl's `mirrorsFile`): site → mirror base URLs, in order. */
export type MirrorTable = ReadonlyMap<string, readonly string[]>;

/** One runtime closure path whose derivation is known. */
export interface Package {
  readonly path: string;
  readonly drvPath: string;
  /** The output of the derivation this path is (`out`, `bin`, `dev` …). */
  readonly output: string;
  readonly name: string;
  readonly version?: string;
  /** `derivation`: env `pname`/`version`; `store-name`: parsed from the derivation's name (fallback). */
  readonly nameFrom: "derivation" | "store-name";
  /** `src` then `srcs`, in order; for a fixed-output derivation itself, its own fetch. */
  readonly sources: readonly Origin[];
  readonly patches: readonly Origin[];
  /** The purl of the first source that has one (upstream), see purl.ts; meta purls are in `meta`. */
  readonly sourcePurl?: PurlParts;
  readonly meta?: PackageMeta;
  readonly license: LicenseFacts;
}

/** Counted facts about inputs that do not fit the closure: warnings with counts, never crashes. */
export type PackageWarning =
  | { readonly kind: "deriver-not-in-derivations"; readonly count: number; readonly example: string }
  | { readonly kind: "no-deriver"; readonly count: number; readonly example: string }
  | {
      readonly kind: "other-store-dir";
      readonly what: "derivations" | "meta";
      readonly storeDir: string;
      readonly count: number;
    }
  | { readonly kind: "meta-matches-nothing"; readonly metaPaths: number }
  | { readonly kind: "no-meta"; readonly count: number; readonly example: string }
  | { readonly kind: "mirrors-file-missing"; readonly count: number; readonly example: string }
  | { readonly kind: "unknown-mirror-site"; readonly count: number; readonly example: string };

export interface PackageReport {
  /** Sorted by path (byte order). */
  readonly packages: readonly Package[];
  readonly warnings: readonly PackageWarning[];
  readonly counts: {
    readonly closurePaths: number;
    readonly packages: number;
    readonly withMeta: number;
    /** Packages whose licence status is not `declared` (`none` or `no-meta`). */
    readonly withoutLicense: number;
  };
}
