import type { CommitFacts, Reachability, RepoFacts, SignatureState } from "../../domain/provenance/upstream-facts.js";
import { CommitSchema, RefSchema, RepoSchema } from "./responses.schema.js";

/** Response objects → domain facts; undefined when the object does not have the expected shape. */
export function repoFacts(raw: unknown): RepoFacts | undefined {
  const r = RepoSchema.safeParse(raw);
  if (!r.success) return undefined;
  const v = r.data;
  const license = v.licenseInfo?.spdxId ?? undefined;
  return {
    nameWithOwner: v.nameWithOwner,
    archived: v.isArchived ?? false,
    fork: v.isFork ?? false,
    ...(v.parent?.nameWithOwner !== undefined ? { parent: v.parent.nameWithOwner } : {}),
    ...(v.defaultBranchRef?.name !== undefined ? { defaultBranch: v.defaultBranchRef.name } : {}),
    // GitHub says NOASSERTION for a license file it cannot classify: that is not an SPDX id either.
    ...(license !== undefined && license !== "NOASSERTION" ? { license } : {}),
    url: v.url ?? `https://github.com/${v.nameWithOwner}`,
  };
}

export const defaultBranchHead = (raw: unknown): string | undefined =>
  RepoSchema.safeParse(raw).data?.defaultBranchRef?.target?.oid ?? undefined;

function signature(s: { isValid: boolean; state: string } | null): SignatureState {
  if (s === null) return { state: "unsigned" };
  return s.isValid && s.state === "VALID" ? { state: "verified" } : { state: "unverified", reason: s.state };
}

export function commitFacts(raw: unknown): CommitFacts | undefined {
  const r = CommitSchema.safeParse(raw);
  if (!r.success) return undefined;
  const c = r.data;
  return {
    sha: c.oid,
    committedDate: new Date(c.committedDate).toISOString().replace(".000Z", "Z"),
    authoredDate: new Date(c.authoredDate).toISOString().replace(".000Z", "Z"),
    ...(c.author?.name != null ? { authorName: c.author.name } : {}),
    ...(c.committer?.name != null ? { committerName: c.committer.name } : {}),
    messageHeadline: c.messageHeadline,
    url: c.url,
    signature: signature(c.signature),
  };
}

const COMPARE_STATUS = { AHEAD: "ahead", BEHIND: "behind", DIVERGED: "diverged", IDENTICAL: "identical" } as const;

/** A ref's comparison with the locked rev (ref = base, rev = head): contained when behind or identical. */
export function reachability(raw: unknown, refLabel: string): Reachability | undefined {
  if (raw === null) return { ref: refLabel, contained: false, status: "ref-not-found" };
  const r = RefSchema.safeParse(raw);
  if (!r.success) return undefined;
  const head = r.data.target?.oid;
  const cmp = r.data.compare;
  const status = cmp == null ? "diverged" : COMPARE_STATUS[cmp.status];
  return {
    ref: r.data.name,
    contained: status === "behind" || status === "identical",
    status,
    ...(head !== undefined ? { headOid: head } : {}),
  };
}

export const refHead = (raw: unknown): string | undefined => RefSchema.safeParse(raw).data?.target?.oid ?? undefined;
