import type { Identification } from "./match.js";

/**
 * What a locked source's own files say about its licence, as data: which top-level licence files
 * were read, what each was identified as (an SPDX id, or unknown with the nearest text and score),
 * the copyright lines found in them, and the candidates left unread with why.
 */

/** One licence file read from the source's top level. */
export interface LicenceFileFinding {
  /** Its name in the source's top-level directory: `LICENSE`, `COPYING.md`, `NOTICE`. */
  readonly file: string;
  readonly identification: Identification;
  readonly copyright: readonly string[];
}

/** A candidate file that was not read, and why (a link, a FIFO, too large, one too many). */
export interface SkippedLicenceFile {
  readonly file: string;
  readonly reason: string;
}

/** What the local store holds of one locked source. */
export type SourceFiles =
  | {
      readonly status: "read";
      readonly storePath: string;
      readonly files: readonly LicenceFileFinding[];
      readonly skipped: readonly SkippedLicenceFile[];
    }
  /** Its store path is not in the store: fetch it (`nix flake archive`) or ask GitHub (`--resolve`). */
  | { readonly status: "not-in-store"; readonly storePath: string }
  /** Present but not readable as a source directory (not a directory, permissions). */
  | { readonly status: "unreadable"; readonly storePath: string; readonly reason: string }
  /** No narHash, so no store path to look at. */
  | { readonly status: "no-store-path" };

/** Where a licence came from: a file of the source, GitHub's licence detection, or nixpkgs meta. */
export type LicenceSource =
  | { readonly kind: "file"; readonly file: string }
  | { readonly kind: "github" }
  | { readonly kind: "meta" };

/** `file:LICENSE`, `github`, `meta`: the value of the `flake-audit:license_source` property. */
export const licenceSourceLabel = (s: LicenceSource): string => (s.kind === "file" ? `file:${s.file}` : s.kind);

/** One source's answer: the SPDX ids it names. */
export interface LicenceEvidence {
  readonly source: LicenceSource;
  readonly ids: readonly string[];
}

/** Why the files could not say: the option or step that would let them. */
export type FilesUnknown =
  | "store-not-read"
  | "no-store-path"
  | "not-in-store"
  | "unreadable"
  | "no-licence-file"
  | "skipped"
  | "unidentified";
/** Why GitHub could not say. */
export type UpstreamUnknown = "not-resolved" | "not-on-github" | "upstream-failed" | "github-none";

/**
 * The licence of one source, decided from all its evidence. `known`: `ids` are what the component
 * declares, from `sources`; a declared source (GitHub, nixpkgs meta) wins over the files when they
 * disagree, and `disagreement` says so while `evidence` lists every answer. `unknown`: nothing
 * answered, and why for each way there was; an SPDX document says NOASSERTION here, never an id.
 */
export type LicenceConclusion =
  | {
      readonly status: "known";
      readonly ids: readonly string[];
      readonly sources: readonly LicenceSource[];
      readonly evidence: readonly LicenceEvidence[];
      readonly disagreement: boolean;
      readonly copyright: readonly string[];
    }
  | {
      readonly status: "unknown";
      readonly files: FilesUnknown;
      readonly upstream: UpstreamUnknown;
      /** Files read but not identified, with the nearest licence and its score. */
      readonly unidentified: readonly LicenceFileFinding[];
      readonly copyright: readonly string[];
    };
