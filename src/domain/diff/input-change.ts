import type { ReleaseMove } from "./release-move.js";
import type { VersionMove } from "./version-move.js";

/** What a lock diff says about one input path: the change types, apart from the diff that makes them. */

export const CHANGE_KINDS = [
  "added",
  "removed",
  "source-changed",
  "follows-changed",
  "narhash-changed",
  "pin-lost",
  "updated",
  "ref-changed",
  "flake-toggled",
  "last-modified-backwards",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One side of a change: the locked attributes and what they mean. */
export interface LockedSide {
  readonly type: string;
  /** The locked flake reference, e.g. `github:NixOS/nixpkgs/5e2a…`. */
  readonly url: string;
  readonly attrs: Readonly<Record<string, string | number | boolean>>;
  readonly rev?: string;
  readonly narHash?: string;
  readonly lastModified?: number;
  /** The branch or tag followed (`original.ref`). */
  readonly ref?: string;
  /** Set when the input is a follows: the input path it follows. */
  readonly follows?: string;
  readonly flake: boolean;
}

export interface InputChange {
  readonly input: string;
  /** The most important kind (CHANGE_KINDS order); `kinds` has all of them. */
  readonly kind: ChangeKind;
  readonly kinds: readonly ChangeKind[];
  readonly old?: LockedSide;
  readonly new?: LockedSide;
  readonly refMove?: { readonly from: string; readonly to: string; readonly move: VersionMove };
  /** A `file` or `tarball` input's release, from the version-like segment of its URL. */
  readonly release?: ReleaseMove;
  /** The follows that came or went with this input's subtree (added, removed, flake = false toggled). */
  readonly subtreeFollows?: readonly SubtreeFollows[];
  /** The locked inputs that came or went with this input's subtree. */
  readonly subtreeSources?: readonly SubtreeSource[];
}

/** A follows that came or went with the subtree of an added, removed or toggled input. */
export interface SubtreeFollows {
  readonly input: string;
  /** The input path it follows; "" is the root flake. */
  readonly follows: string;
  readonly kind: "added" | "removed";
}

/** A locked source that came or went with the subtree of an added, removed or toggled input. */
export interface SubtreeSource {
  readonly input: string;
  readonly kind: "added" | "removed";
  /** The flake reference it was (or is now) locked to. */
  readonly url: string;
}
