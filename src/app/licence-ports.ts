import type { SkippedLicenceFile } from "../domain/licence/evidence.js";

/** A licence file's text, as read from a source's top-level directory. */
export interface LicenceFileText {
  readonly file: string;
  readonly text: string;
}

/** What a store holds of one store path, as far as its licence files go. */
export type StoredSource =
  | {
      readonly status: "read";
      readonly files: readonly LicenceFileText[];
      readonly skipped: readonly SkippedLicenceFile[];
    }
  | { readonly status: "not-in-store" }
  | { readonly status: "unreadable"; readonly reason: string };

/**
 * A local Nix store, read for the licence files of locked sources. Implementations accept only
 * store paths of their own store directory, read regular files of bounded size at the top level
 * only, and never block on a FIFO or follow a link out of the source.
 */
export interface SourceStore {
  /** The store directory its paths are named in (`/nix/store`). */
  readonly storeDir: string;
  /** Where the store is, for messages (`/nix/store`, `local?root=/mnt`). */
  readonly label: string;
  licenceFiles(storePath: string): Promise<StoredSource>;
}
