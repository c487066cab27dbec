/**
 * What each kind of finding carries to explain itself: the data a renderer can group, count or
 * de-duplicate by, and from which the message is worded. Keyed by rule id. Dates are Unix seconds
 * as in flake.lock, unless named ISO.
 */
export interface FindingDetails {
  // Lock rules (check).
  readonly stale: {
    readonly lastModified: number;
    readonly ageDays: number;
    readonly maxAgeDays: number;
    /** Which policy threshold applied: nixpkgs inputs have their own. */
    readonly threshold: "maxAgeDays" | "nixpkgsMaxAgeDays";
  };
  readonly "unsupported-branch": {
    readonly branch: string;
    /** The branches supported at evaluation time: rolling branches and releases not past end of life. */
    readonly supported: readonly string[];
  };
  readonly "non-upstream-nixpkgs": { readonly owner: string; readonly repo: string };
  readonly "duplicate-sources": {
    /** `github.com/nixos/nixpkgs`, or a git/hg URL without its query. */
    readonly repository: string;
    /** The distinct revisions locked; an empty string stands for an input locked without one. */
    readonly revisions: readonly string[];
    /** Every input path that locks the repository. */
    readonly inputs: readonly string[];
    /** The input the others could follow. */
    readonly follow: string;
  };
  readonly unlocked: UnlockedDetails;
  readonly "indirect-original": {
    /** The registry name flake.nix gives (`nixpkgs`, `flake:nixpkgs/nixos-24.05` has id `nixpkgs`). */
    readonly id: string;
    /** The commit the lock holds today. */
    readonly rev: string;
  };
  readonly "registry-copy": {
    /** The `/nix/store/…-source` path the lock names. */
    readonly path: string;
    /** The registry name it was resolved from, when the original is indirect. */
    readonly id?: string | undefined;
  };
  readonly "insecure-transport": { readonly url: string; readonly scheme: string };
  readonly "license-not-allowed": {
    readonly license: string;
    readonly allowed: readonly string[];
    /** For a package of a closure (check --closure/--derivations/--meta): which one. */
    readonly package?: PackageRef | undefined;
    /** For a package: the licence is unfree (nixpkgs meta `free = false`). */
    readonly unfree?: boolean | undefined;
  };
  readonly "allowlist-expired": {
    readonly rule: string;
    readonly reason: string;
    /** ISO date. */
    readonly expires: string;
  };
  // Upstream rules (resolve, check).
  readonly "rev-not-found": {
    readonly host: string;
    /** `owner/repo` as the lock names it. */
    readonly repository: string;
    readonly rev: string;
    /** Whether the whole repository or only the commit is missing. */
    readonly missing: "repository" | "commit";
  };
  readonly "rev-not-on-ref": {
    readonly rev: string;
    readonly ref: string;
    /** GitHub's comparison of the ref with the rev; `ref-not-found` when the ref does not exist. */
    readonly status: "ahead" | "behind" | "diverged" | "identical" | "ref-not-found";
  };
  readonly "repo-renamed": { readonly from: string; readonly to: string };
  readonly "repo-archived": { readonly repository: string };
  // `| undefined` lets the zod schema (whose optionals admit undefined) check against this type.
  readonly "repo-fork": { readonly repository: string; readonly parent?: string | undefined };
  /** A repository GitHub finds no licence in, or a package whose nixpkgs meta declares none. */
  readonly "missing-license": { readonly repository: string } | { readonly package: PackageRef };
  readonly "last-modified-mismatch": {
    readonly lastModified: number;
    /** ISO 8601, as GitHub gives it. */
    readonly committedDate: string;
  };
  readonly "unsigned-commit":
    | { readonly state: "unsigned" }
    | { readonly state: "unverified"; readonly reason: string };
  // Diff risks.
  readonly "source-changed": { readonly before: string; readonly after: string };
  readonly "narhash-changed": { readonly rev: string; readonly before: string; readonly after: string };
  readonly "pin-lost": {
    /** How the new side is pinned (the old one was pinned by content). */
    readonly pinning: "rev-only" | "relative" | "unlocked";
  };
  readonly "last-modified-backwards": { readonly before: number; readonly after: number };
  readonly "ref-downgrade": { readonly from: string; readonly to: string };
  readonly "upstream-downgrade": { readonly aheadBy: number; readonly behindBy: number };
  readonly "upstream-diverged": { readonly aheadBy: number; readonly behindBy: number };
  // Impact rules (diff --installable); the finding's input is the installable.
  readonly "package-downgraded": { readonly package: string; readonly from: string; readonly to: string };
  readonly "package-removed": {
    readonly package: string;
    readonly versions: readonly string[];
    /** The policy's requiredPackages entry that names it. */
    readonly requiredBy: string;
  };
}

/** Why an input counts as unlocked. */
export type UnlockedDetails =
  | { readonly why: "no-rev-or-narhash" }
  | { readonly why: "rev-without-narhash" }
  | { readonly why: "narhash-without-rev" }
  | { readonly why: "local-path"; readonly path: string }
  | { readonly why: "non-flake-without-narhash" };

/** A package of a closure a finding is about: its name, version, output and store path. */
export interface PackageRef {
  readonly name: string;
  readonly version?: string | undefined;
  readonly output: string;
  readonly storePath: string;
}
