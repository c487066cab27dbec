import { toSri } from "../nix/hash.js";
import { toFlakeUrl } from "./flake-url.js";
import { formatInputPath } from "./input-path.js";
import type { LockedInput } from "./inventory.js";
import { isoDateTime } from "../time.js";
import { formatStorePath } from "../nix/store-path.js";

/** Projects a locked input onto the facts reports show about it. */
export function inputFacts(input: LockedInput): InputFacts {
  const s = input.locked;
  const forge = s.type === "github" || s.type === "gitlab" || s.type === "sourcehut";
  return {
    input: formatInputPath(input.primaryPath),
    inputPaths: input.paths.map(formatInputPath),
    type: s.type === "unknown" ? s.declaredType : s.type,
    ...(forge ? { owner: s.owner, repo: s.repo } : {}),
    url: toFlakeUrl(s),
    ...(input.original !== undefined ? { original: toFlakeUrl(input.original) } : {}),
    ...(s.rev !== undefined ? { rev: s.rev } : {}),
    ...(s.narHash !== undefined ? { narHash: toSri(s.narHash) } : {}),
    ...(s.lastModified !== undefined ? { lastModified: isoDateTime(s.lastModified) } : {}),
    ...(input.storePath !== undefined ? { storePath: formatStorePath(input.storePath) } : {}),
  };
}

/** What a report says about one locked input: identity, upstream coordinates and the lock facts. */
export interface InputFacts {
  /** The primary input path, e.g. `home-manager/nixpkgs`. */
  readonly input: string;
  /** Every input path that reaches the same locked source. */
  readonly inputPaths: readonly string[];
  readonly type: string;
  readonly owner?: string;
  readonly repo?: string;
  /** The locked flake reference, e.g. `github:NixOS/nixpkgs/5e2a…`. */
  readonly url: string;
  /** The reference as written in flake.nix. */
  readonly original?: string;
  readonly rev?: string;
  readonly narHash?: string;
  /** ISO 8601. */
  readonly lastModified?: string;
  readonly storePath?: string;
}
