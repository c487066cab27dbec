import {
  commitKey,
  reachKey,
  repoKey,
  type CommitFacts,
  type GithubTarget,
  type Reachability,
  type RepoFacts,
} from "../../domain/provenance/upstream-facts.js";
import type { UpstreamError } from "../../domain/provenance/report.js";
import type { DiskCache } from "./cache.js";
import { readCachedCommit, readCachedReach, readCachedRepo, type CachedReach } from "./cache.schema.js";
import type { GithubRepo } from "./offline-answers.js";
import { askSize, MAX_ALIASES_PER_QUERY, type RepoAsk } from "./queries.js";

/** What a resolution has learnt so far, by repoKey, commitKey and reachKey. */
export interface Answers {
  readonly repos: Map<string, RepoFacts | UpstreamError>;
  readonly commits: Map<string, CommitFacts | UpstreamError>;
  readonly reach: Map<string, Reachability | UpstreamError>;
}

export const emptyAnswers = (): Answers => ({ repos: new Map(), commits: new Map(), reach: new Map() });

/** One repository's part of a query, with what the absorbing step needs to read its answer. */
export interface Ask extends RepoAsk {
  readonly host: string;
  readonly r: GithubRepo;
  /** Cached reachability by reachKey: kept while the ref's head (asked in `heads`) has not moved. */
  readonly cachedReach: ReadonlyMap<string, CachedReach>;
}

/** What planning reads from the caller's options. */
export interface PlanOptions {
  readonly cache: DiskCache;
  readonly offline: boolean;
  readonly repoTtlSeconds: number;
  /** Set for the second round, when a cached reachability's ref head has moved. */
  readonly ignoreCachedReach?: boolean;
}

export const reachCacheKey = (t: GithubTarget): string => `${repoKey(t)}/${t.rev}/${t.ref ?? "@default"}`;

/** The targets by repository, each (rev, ref) once. */
export function groupByRepo(targets: readonly GithubTarget[]): Map<string, GithubRepo> {
  const repos = new Map<string, GithubRepo>();
  for (const t of targets) {
    const k = repoKey(t);
    const r = repos.get(k) ?? { host: t.host, owner: t.owner, repo: t.repo, targets: [] };
    if (!r.targets.some((x) => reachKey(x) === reachKey(t))) r.targets.push(t);
    repos.set(k, r);
  }
  return repos;
}

/** Answers the repository's own facts from the cache when fresh; `gone` when the cache says it does not exist. */
function cachedRepo(o: PlanOptions, k: string, r: GithubRepo, out: Answers, now: number): "stale" | "fresh" | "gone" {
  const cached = readCachedRepo(o.cache.get("repos", k));
  if (cached === undefined || (!o.offline && now - cached.at >= o.repoTtlSeconds * 1000)) return "stale";
  if (cached.value !== "not-found") {
    out.repos.set(k, cached.value);
    return "fresh";
  }
  const gone = { error: "not-found", message: "repository not found (cached)" } as const;
  out.repos.set(k, gone);
  for (const t of r.targets) out.commits.set(commitKey(t), gone);
  return "gone";
}

/**
 * Answers what the cache can for one repository (commits forever; reachability while its ref head
 * holds; the repository for a TTL) and returns what is left to ask, or undefined when nothing is
 * (or when offline, where nothing is asked: cached reachability is then taken as it is).
 */
export function planRepo(o: PlanOptions, k: string, r: GithubRepo, out: Answers, now: number): Ask | undefined {
  const repo = cachedRepo(o, k, r, out, now);
  if (repo === "gone") return undefined;
  const commits: Array<[string, string]> = [];
  const compares: Array<[string, string | undefined, string]> = [];
  const heads: Array<[string, string]> = [];
  const cachedReach = new Map<string, CachedReach>();
  r.targets.forEach((t, i) => {
    const c = readCachedCommit(o.cache.get("commits", `${k}/${t.rev}`));
    if (c !== undefined)
      out.commits.set(
        commitKey(t),
        c.value === "not-found" ? { error: "not-found", message: "commit not found (cached)" } : c.value,
      );
    else if (!commits.some(([, oid]) => oid === t.rev)) commits.push([`c${i}`, t.rev]);
    const cr = o.ignoreCachedReach === true ? undefined : readCachedReach(o.cache.get("reach", reachCacheKey(t)));
    if (cr !== undefined) {
      cachedReach.set(reachKey(t), cr);
      if (t.ref !== undefined && !heads.some(([, ref]) => ref === t.ref)) heads.push([`h${i}`, t.ref]);
    } else compares.push([`x${i}`, t.ref, t.rev]);
  });
  if (o.offline) {
    for (const [key, cr] of cachedReach) out.reach.set(key, cr.value);
    return undefined;
  }
  const facts = repo === "stale" || r.targets.some((t) => t.ref === undefined && cachedReach.has(reachKey(t)));
  if (!facts && commits.length === 0 && compares.length === 0 && heads.length === 0) return undefined;
  return { alias: "", owner: r.owner, name: r.repo, facts, commits, compares, heads, host: r.host, r, cachedReach };
}

/** Asks in batches per host, each query at most MAX_ALIASES_PER_QUERY aliases. */
export function batchAsks(asks: readonly Ask[]): Ask[][] {
  const batches: Ask[][] = [];
  for (const ask of [...asks].sort((a, b) => a.host.localeCompare(b.host))) {
    const last = batches[batches.length - 1];
    const size = (last ?? []).reduce((n, a) => n + askSize(a), 0);
    if (last !== undefined && last[0]?.host === ask.host && size + askSize(ask) <= MAX_ALIASES_PER_QUERY)
      last.push(ask);
    else batches.push([ask]);
  }
  return batches;
}
