/**
 * What a lock change does to one installable: its derivation closures at both sides compared
 * package by package (a package is a derivation that is not a fetch, named by `pname`, else its
 * store name, as `domain/packages` names them).
 */

/** The upstream source a package's new version is built from: its first fetched `src`. */
export interface SourceFacts {
  /** The fetcher's name (`openssl-3.0.15.tar.gz`, `source`). */
  readonly name: string;
  /** The first URL (as written, or its first mirror); fetchgit's repository. */
  readonly url?: string;
  readonly rev?: string;
  /** `sha256-…` as written by nixpkgs, else `<alg>:<hex>`. */
  readonly hash?: string;
}

/** A patch by name (`CVE-2024-9143.patch`): a fetched patch's fetcher name, else the store name. */
export type PatchName = string;

export interface VersionChange {
  readonly name: string;
  /** Every version on each side, in Nix's version order. */
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Nix's compareVersions of the newest version on each side (`same`: only older versions came or went). */
  readonly direction: "upgrade" | "downgrade" | "same";
  /** The .drv of the newest new version. */
  readonly drvPath: string;
  readonly source?: SourceFacts;
  readonly patchesAdded: readonly PatchName[];
  readonly patchesRemoved: readonly PatchName[];
}

/** A package on one side only. */
export interface PackagePresence {
  readonly name: string;
  readonly versions: readonly string[];
}

/** Why a package rebuilds at the same version, as far as its derivation shows. */
export type RebuildReason =
  | { readonly kind: "patches"; readonly added: readonly PatchName[]; readonly removed: readonly PatchName[] }
  | { readonly kind: "source"; readonly from: string; readonly to: string }
  /**
   * The nearest changed packages it is built from (at most `MAX_CAUSES`, by name), with their
   * versions; `more` when there are others.
   */
  | { readonly kind: "inputs"; readonly changed: readonly ChangedInput[]; readonly more: boolean }
  /** Nothing above: the builder, its script or other attributes changed. */
  | { readonly kind: "other" };

export interface ChangedInput {
  readonly name: string;
  /** Present when the input's version changed (or it is new: `from` absent). */
  readonly from?: string;
  readonly to?: string;
  /** What changed about it when not the version. */
  readonly what: "version" | "added" | "source" | "patches" | "other";
}

export interface Rebuild {
  readonly name: string;
  readonly version: string;
  readonly drvPath: string;
  readonly reasons: readonly RebuildReason[];
}

export interface LicenceChange {
  readonly name: string;
  readonly version: string;
  /** The new side's output whose meta was read (`out`, else the package's first), and its path. */
  readonly output: string;
  readonly path: string;
  /** Licence ids (SPDX) or names, sorted; empty when meta declares none. */
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** The licences new on this side that nixpkgs marks unfree. */
  readonly unfree: readonly string[];
}

/** One installable compared at both sides. */
export interface InstallableImpact {
  readonly installable: string;
  readonly status: "compared";
  readonly versionChanges: readonly VersionChange[];
  readonly added: readonly PackagePresence[];
  readonly removed: readonly PackagePresence[];
  readonly rebuilt: readonly Rebuild[];
  /** .drv paths the new closure has and the old one does not: what a build of the new side builds anew. */
  readonly rebuildCount: number;
  readonly derivations: { readonly old: number; readonly new: number };
  /** Absent when meta for both sides was not given (the report has a gap naming the options). */
  readonly licences?: readonly LicenceChange[];
  /** Packages on both sides a meta file has no entry for (at one side): their licences were not compared. */
  readonly licencesNotCompared?: number;
}

/** An installable one side could not evaluate: nix's error, bounded. */
export interface InstallableFailure {
  readonly installable: string;
  readonly status: "failed";
  readonly side: "old" | "new" | "both";
  readonly error: string;
}

/** Where an installable failed, as the reports say it: the base, the head, or both. */
export const failedSideText = (side: InstallableFailure["side"]): string =>
  side === "both" ? "base and head" : side === "old" ? "base" : "head";

export type InstallableResult = InstallableImpact | InstallableFailure;

/** The impact part of a diff report. */
export interface ImpactSection {
  /** The revisions evaluated (as the user wrote them). */
  readonly old: string;
  readonly new: string;
  readonly installables: readonly InstallableResult[];
  /** Licence changes were not compared: what is missing and the options that would give it. */
  readonly licenceGap?: { readonly reason: string; readonly options: readonly string[] };
}
