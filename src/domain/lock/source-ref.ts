import type { Hash } from "../nix/hash.js";

/** Attribute values Nix allows in `locked` / `original`: strings, unsigned integers, booleans. */
export type AttrValue = string | number | boolean;
export type Attrs = Readonly<Record<string, AttrValue>>;

export const SOURCE_TYPES = [
  "github",
  "gitlab",
  "sourcehut",
  "git",
  "hg",
  "tarball",
  "file",
  "path",
  "indirect",
] as const;
export type KnownSourceType = (typeof SOURCE_TYPES)[number];

interface Common {
  /** Every attribute as written (after v5 `info` merge), URL credentials removed. */
  readonly attrs: Attrs;
  readonly narHash?: Hash;
  /** Unix seconds. */
  readonly lastModified?: number;
  readonly revCount?: number;
  /** Sub-directory holding flake.nix; does not change the store path. */
  readonly dir?: string;
  /** Store path name; `source` when absent. */
  readonly name?: string;
  readonly rev?: string;
  readonly ref?: string;
}

/** `github:NixOS/nixpkgs`, `gitlab:group%2Fsub/repo`, `sourcehut:~user/repo`. */
export interface ForgeSource extends Common {
  readonly type: "github" | "gitlab" | "sourcehut";
  readonly owner: string;
  readonly repo: string;
  readonly host?: string;
}
/** `git+https://…`, `git+file:///…`. `url` carries no `git+` prefix. */
export interface GitSource extends Common {
  readonly type: "git";
  readonly url: string;
  readonly submodules?: boolean;
  readonly shallow?: boolean;
}
export interface MercurialSource extends Common {
  readonly type: "hg";
  readonly url: string;
}
/** `tarball` unpacks an archive; `file` hashes a single file. */
export interface ArchiveSource extends Common {
  readonly type: "tarball" | "file";
  readonly url: string;
}
export interface PathSource extends Common {
  readonly type: "path";
  readonly path: string;
}
/** A registry reference (`nixpkgs`, `flake:nixpkgs/nixos-24.05`); only ever in `original`. */
export interface IndirectSource extends Common {
  readonly type: "indirect";
  readonly id: string;
}
/** A type this version does not know; kept as data. */
export interface UnknownSource extends Common {
  readonly type: "unknown";
  readonly declaredType: string;
}

export type SourceRef =
  | ForgeSource
  | GitSource
  | MercurialSource
  | ArchiveSource
  | PathSource
  | IndirectSource
  | UnknownSource;

export const DEFAULT_FORGE_HOSTS = { github: "github.com", gitlab: "gitlab.com", sourcehut: "git.sr.ht" } as const;

export const forgeHost = (s: ForgeSource): string => s.host ?? DEFAULT_FORGE_HOSTS[s.type];

/** A relative `path:` input (Nix ≥ 2.26): it has no store path of its own. */
export const isRelativePath = (s: SourceRef): boolean => s.type === "path" && !s.path.startsWith("/");

/**
 * How firmly a locked source is pinned:
 * - `content`: a narHash fixes the bytes (with the rev where the type has one; a git or hg input
 *   without one, a dirty work tree locked by `--allow-dirty-locks`, is checked by its narHash as
 *   Nix does: see `checkedByNarHashOnly`);
 * - `rev-only`: a commit but no narHash (forge inputs with trust-tarballs-from-git-forges, lazy locks);
 * - `relative`: a relative path input that shares its parent's source;
 * - `unlocked`: neither (a dirty tree, an indirect or mutable reference).
 */
export type Pinning = "content" | "rev-only" | "relative" | "unlocked";

const hasRevType = (s: SourceRef): boolean =>
  s.type === "github" || s.type === "gitlab" || s.type === "sourcehut" || s.type === "git" || s.type === "hg";

export function pinningOf(s: SourceRef): Pinning {
  if (s.type === "indirect") return "unlocked";
  if (s.narHash !== undefined) return "content";
  if (isRelativePath(s)) return "relative";
  return s.rev !== undefined && hasRevType(s) ? "rev-only" : "unlocked";
}

/**
 * A source of a type with commits that has a narHash but no rev: its bytes are fixed, the commit
 * they came from is not. Nix 2.8 counts it as locked; Nix ≥ 2.26 reads it with a warning ("unlocked
 * (e.g. lacks a Git revision) but is checked by NAR hash. This is not reproducible").
 */
export const checkedByNarHashOnly = (s: SourceRef): boolean =>
  hasRevType(s) && s.rev === undefined && s.narHash !== undefined;
