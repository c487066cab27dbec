import { formatInputPath } from "../lock/input-path.js";
import type { LockedInput } from "../lock/inventory.js";
import { DEFAULT_FORGE_HOSTS, type SourceRef } from "../lock/source-ref.js";

/** One commit to look up upstream: `{ host: "github.com", owner: "NixOS", repo: "nixpkgs", rev, ref: "nixos-unstable" }`. */
export interface GithubTarget {
  readonly host: string;
  readonly owner: string;
  readonly repo: string;
  readonly rev: string;
  /** The branch or tag the flake follows (`original.ref`); the default branch when absent. */
  readonly ref?: string;
}

export const repoKey = (t: Pick<GithubTarget, "host" | "owner" | "repo">): string =>
  `${t.host}/${t.owner}/${t.repo}`.toLowerCase();
export const commitKey = (t: GithubTarget): string => `${repoKey(t)}@${t.rev}`;
export const reachKey = (t: GithubTarget): string => `${commitKey(t)}#${t.ref ?? ""}`;

/** `verified`, `unverified` with GitHub's reason (e.g. UNKNOWN_KEY), or `unsigned`. */
export type SignatureState =
  | { readonly state: "verified" }
  | { readonly state: "unverified"; readonly reason: string }
  | { readonly state: "unsigned" };

export interface CommitFacts {
  readonly sha: string;
  /** ISO 8601. */
  readonly committedDate: string;
  readonly authoredDate: string;
  readonly authorName?: string;
  readonly committerName?: string;
  readonly messageHeadline: string;
  readonly url: string;
  readonly signature: SignatureState;
}

export interface RepoFacts {
  /** Canonical `owner/name`, after renames and transfers. */
  readonly nameWithOwner: string;
  readonly archived: boolean;
  readonly fork: boolean;
  readonly parent?: string;
  readonly defaultBranch?: string;
  /** SPDX id; undefined when GitHub detects no license. */
  readonly license?: string;
  readonly url: string;
}

/** Whether the locked rev is in the history of the ref the flake follows. */
export interface Reachability {
  /** The ref checked, e.g. `nixos-unstable` or the default branch. */
  readonly ref: string;
  readonly contained: boolean;
  /** GitHub's comparison of the ref (base) with the rev (head). */
  readonly status: "ahead" | "behind" | "diverged" | "identical" | "ref-not-found";
  /** The ref's head when this was computed (the cache key). */
  readonly headOid?: string;
}

export type UpstreamErrorKind =
  | "not-found"
  | "rate-limited"
  | "auth"
  | "network"
  | "invalid-response"
  | "offline"
  | "unconfigured";

/** Why an input cannot be looked up on GitHub at all. */
export type Unsupported = { readonly reason: string };

/** A GitHub coordinate for an input, or why there is none. */
export function githubTarget(
  s: SourceRef,
  original: SourceRef | undefined,
  enterpriseHosts: readonly string[] = [],
): GithubTarget | Unsupported {
  const hosts = new Set(["github.com", ...enterpriseHosts.map((h) => h.toLowerCase())]);
  const ref = original?.ref;
  const withRef = <T extends object>(t: T): T & { ref?: string } => (ref !== undefined ? { ...t, ref } : t);
  if (s.type === "github") {
    if (s.rev === undefined) return { reason: "no locked rev" };
    return withRef({
      host: (s.host ?? DEFAULT_FORGE_HOSTS.github).toLowerCase(),
      owner: s.owner,
      repo: s.repo,
      rev: s.rev,
    });
  }
  if (s.type === "git" || s.type === "tarball" || s.type === "file") {
    const m =
      /^(?:https?|ssh|git)(?:\+[a-z]+)?:\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/([^/]+)\/([^/?#]+?)(?:\.git)?(?:\/archive\/([0-9a-f]{40})(?:\.tar\.gz|\.zip))?(?:[/?#].*)?$/i.exec(
        s.url,
      );
    const [, host, owner, repo, archiveRev] = m ?? [];
    if (host === undefined || owner === undefined || repo === undefined || !hosts.has(host.toLowerCase()))
      return { reason: `${s.type} input not hosted on GitHub` };
    const rev = s.rev ?? archiveRev;
    if (rev === undefined) return { reason: "no locked rev" };
    return withRef({ host: host.toLowerCase(), owner, repo, rev });
  }
  if (s.type === "gitlab" || s.type === "sourcehut")
    return { reason: `${s.type} inputs are not resolvable yet (only GitHub is)` };
  if (s.type === "path") return { reason: "path inputs have no upstream" };
  if (s.type === "indirect") return { reason: "indirect inputs are resolved by the registry, not locked" };
  if (s.type === "hg") return { reason: "Mercurial inputs are not resolvable" };
  return { reason: `${s.type === "unknown" ? s.declaredType : s.type} inputs are not resolvable` };
}

export const isTarget = (t: GithubTarget | Unsupported): t is GithubTarget => "rev" in t;

/** Every input with its GitHub target (or why none), in inventory order. */
export function provenanceTargets(
  inputs: readonly LockedInput[],
  enterpriseHosts: readonly string[] = [],
): Array<{ input: LockedInput; id: string; target: GithubTarget | Unsupported }> {
  return inputs.map((input) => ({
    input,
    id: formatInputPath(input.primaryPath),
    target: githubTarget(input.locked, input.original, enterpriseHosts),
  }));
}
