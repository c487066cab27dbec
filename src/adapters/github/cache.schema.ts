import { z } from "zod";
import type { CompareFacts } from "../../domain/diff/report.js";
import type { CommitFacts, Reachability, RepoFacts } from "../../domain/provenance/upstream-facts.js";

/**
 * zod for every kind of entry in the GitHub disk cache. The cache is a directory anyone can edit
 * (or a crash can truncate), so each entry is checked when read; one that does not pass is treated
 * as missing: refetched online, a gap offline. Each schema is typed by the domain type it yields,
 * so the two cannot drift apart.
 */

const Signature = z.union([
  z.object({ state: z.literal("verified") }),
  z.object({ state: z.literal("unverified"), reason: z.string() }),
  z.object({ state: z.literal("unsigned") }),
]);

const CommitFactsSchema: z.ZodType<CommitFacts> = z.object({
  sha: z.string(),
  committedDate: z.iso.datetime(),
  authoredDate: z.iso.datetime(),
  authorName: z.string().exactOptional(),
  committerName: z.string().exactOptional(),
  messageHeadline: z.string(),
  url: z.string(),
  signature: Signature,
});

const RepoFactsSchema: z.ZodType<RepoFacts> = z.object({
  nameWithOwner: z.string(),
  archived: z.boolean(),
  fork: z.boolean(),
  parent: z.string().exactOptional(),
  defaultBranch: z.string().exactOptional(),
  license: z.string().exactOptional(),
  url: z.string(),
});

const ReachabilitySchema: z.ZodType<Reachability> = z.object({
  ref: z.string(),
  contained: z.boolean(),
  status: z.enum(["ahead", "behind", "diverged", "identical", "ref-not-found"]),
  headOid: z.string().exactOptional(),
});

const CompareFactsSchema: z.ZodType<CompareFacts> = z.object({
  status: z.enum(["ahead", "behind", "diverged", "identical"]),
  aheadBy: z.number(),
  behindBy: z.number(),
  totalCommits: z.number(),
  commits: z.array(
    z.object({
      sha: z.string(),
      headline: z.string(),
      author: z.string().exactOptional(),
      date: z.string(),
      url: z.string(),
    }),
  ),
  compareUrl: z.string(),
  mergeBase: z.string().exactOptional(),
});

/** A timestamped entry: `at` is when it was fetched (ms), `value` the facts or "not-found". */
export interface Cached<T> {
  readonly at: number;
  readonly value: T | "not-found";
}

const timestamped = <T>(value: z.ZodType<T>): z.ZodType<Cached<T>> =>
  z.object({ at: z.number().finite(), value: z.union([z.literal("not-found"), value]) });

const CachedRepo = timestamped(RepoFactsSchema);
const CachedCommit = timestamped(CommitFactsSchema);
/** Reachability is cached only when known: no "not-found" entries. */
export interface CachedReach {
  readonly at: number;
  readonly value: Reachability;
}
const CachedReachSchema: z.ZodType<CachedReach> = z.object({ at: z.number().finite(), value: ReachabilitySchema });

/** Each reader: the entry when it has the expected shape, otherwise undefined (as if absent). */
export const readCachedRepo = (raw: unknown): Cached<RepoFacts> | undefined => CachedRepo.safeParse(raw).data;
export const readCachedCommit = (raw: unknown): Cached<CommitFacts> | undefined => CachedCommit.safeParse(raw).data;
export const readCachedReach = (raw: unknown): CachedReach | undefined => CachedReachSchema.safeParse(raw).data;
export const readCachedCompare = (raw: unknown): CompareFacts | undefined => CompareFactsSchema.safeParse(raw).data;
