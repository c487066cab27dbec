import type { GithubTarget } from "../domain/provenance/upstream-facts.js";
import type { ProvenanceBatch, UpstreamError } from "../domain/provenance/report.js";
import type { CompareFacts, CompareTarget } from "../domain/diff/report.js";

/** A file read whole, with the SHA-256 of its bytes. */
export interface FileText {
  /** As the user named it (`flake.lock`, `-`). */
  readonly displayPath: string;
  readonly text: string;
  readonly sha256: string;
  /** The name of the directory holding the file (the flake's name by default). */
  readonly directoryName: string;
}

/** Reading input files. Missing, unreadable or odd files become InputError with a friendly message. */
export interface Files {
  readText(path: string): Promise<FileText>;
  /** A file as committed at a git revision: `path` relative to the working directory, or to the repository root with a leading "/". */
  readGitFile(rev: string, path: string): Promise<FileText>;
  /** Whether a regular file exists at path. */
  exists(path: string): Promise<boolean>;
}

/** Diagnostics on stderr; never the result. */
export interface Log {
  warn(message: string): void;
  info(message: string): void;
}

/** JSON text that a program printed, with a name for error messages. */
export interface CommandOutput {
  readonly origin: string;
  readonly text: string;
}

/** The installed Nix. Missing or failing `nix` becomes InputError with a clear message. */
export interface NixStore {
  /** `nix path-info --json --recursive` of an installable or store path, in the given store (a Nix store URI). */
  pathInfoClosure(installable: string, store?: string): Promise<CommandOutput>;
  /** `nix show-derivation -r` / `nix derivation show -r` of a .drv path. */
  derivationClosure(drvPath: string): Promise<CommandOutput>;
  /** The same for several .drv paths at once, as one document (sbom --closure-of: every package's deriver). */
  derivationsOf(drvPaths: readonly string[]): Promise<CommandOutput>;
}

/** Upstream facts about GitHub commits and repositories (GitLab or sourcehut could implement it too). */
export interface ProvenanceSource {
  resolve(targets: readonly GithubTarget[]): Promise<ProvenanceBatch>;
}

/** old...new comparisons of the same repository, keyed by compareKey. */
export interface CompareSource {
  compare(targets: readonly CompareTarget[]): Promise<ReadonlyMap<string, CompareFacts | UpstreamError>>;
}

/** A comment on a pull request, as far as the sticky comment needs it. */
export interface PrComment {
  readonly id: number;
  readonly body: string;
  /** The login of whoever wrote it (`github-actions[bot]`), when GitHub says. */
  readonly author?: string;
}

/** The pull request's comments (GitHub's issue comments API). */
export interface PullRequestComments {
  list(): Promise<readonly PrComment[]>;
  create(body: string): Promise<PrComment>;
  update(id: number, body: string): Promise<PrComment>;
}

/** Where a file sits in the git work tree that holds it. */
export interface Workspace {
  /** The path of `file` from the root of its git work tree (`/`-separated), or undefined outside one. */
  repositoryPath(file: string): Promise<string | undefined>;
}

/** The git repository around the working directory. */
export interface Git {
  /** Paths of flake.lock files that differ between two revisions. */
  changedLocks(base: string, head: string): Promise<readonly string[]>;
  /** Whether `path` (from the repository root) exists at `rev`. */
  hasFile(rev: string, path: string): Promise<boolean>;
}

/** The version of the git repository a file is committed in, when it is in one (the flake's own version). */
export interface Revisions {
  /** `git describe --tags --always` of the repository holding `file`; undefined when it is in none, or not tracked. */
  describe(file: string): Promise<string | undefined>;
}
