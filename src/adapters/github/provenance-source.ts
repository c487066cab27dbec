import type { ProvenanceSource } from "../../app/ports.js";
import {
  commitKey,
  reachKey,
  repoKey,
  type CommitFacts,
  type GithubTarget,
  type Reachability,
  type RepoFacts,
} from "../../domain/provenance/upstream-facts.js";
import type { ProvenanceBatch, UpstreamError } from "../../domain/provenance/report.js";
import type { DiskCache } from "./cache.js";
import type { GithubClient } from "./client.js";
import { commitFacts, defaultBranchHead, reachability, refHead, repoFacts } from "./facts-parse.js";
import { readCachedCommit, readCachedReach, readCachedRepo, type CachedReach } from "./cache.schema.js";
import { askSize, MAX_ALIASES_PER_QUERY, provenanceQuery, type RepoAsk } from "./queries.js";
import { runQuery, type QueryResult, type QueryRun } from "./query-runner.js";
import { finishOffline, type GithubRepo } from "./offline-answers.js";
import { pool } from "../pool.js";

export interface SourceOptions {
  /** A client for a host, or why there is none (an Enterprise host nobody configured). */
  readonly clientFor: (host: string) => GithubClient | string;
  readonly cache: DiskCache;
  readonly offline: boolean;
  readonly repoTtlSeconds: number;
  readonly concurrency: number;
  readonly run: Omit<QueryRun, "client">;
  readonly progress?: (done: number, total: number) => void;
  /** Set for the second round, when a cached reachability's ref head has moved. */
  readonly ignoreCachedReach?: boolean;
}

type Repo = GithubRepo;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const refLabel = (t: GithubTarget, defaultBranch: string | undefined): string => t.ref ?? defaultBranch ?? "HEAD";
const reachCacheKey = (t: GithubTarget): string => `${repoKey(t)}/${t.rev}/${t.ref ?? "@default"}`;

/**
 * Resolves GitHub targets in as few requests as it can: deduplicated, batched into aliased GraphQL
 * queries, with bounded concurrency, and answered from the disk cache where the facts cannot have
 * changed (commits forever; reachability while the ref's head is the same; repositories for a TTL).
 */
export function githubProvenanceSource(o: SourceOptions): ProvenanceSource {
  return {
    async resolve(targets) {
      const repos = new Map<string, Repo>();
      for (const t of targets) {
        const k = repoKey(t);
        const r = repos.get(k) ?? { host: t.host, owner: t.owner, repo: t.repo, targets: [] };
        if (!r.targets.some((x) => reachKey(x) === reachKey(t))) r.targets.push(t);
        repos.set(k, r);
      }
      const out = {
        repos: new Map<string, RepoFacts | UpstreamError>(),
        commits: new Map<string, CommitFacts | UpstreamError>(),
        reach: new Map<string, Reachability | UpstreamError>(),
      };
      const notes: string[] = [];
      const startCount = o.offline ? 0 : requestCount(o, repos);
      const now = o.run.now();
      const asks = new Map<string, RepoAsk & { host: string; r: Repo; cachedReach: Map<string, CachedReach> }>();
      for (const [k, r] of repos) {
        const cachedRepo = readCachedRepo(o.cache.get("repos", k));
        const fresh = cachedRepo !== undefined && (o.offline || now - cachedRepo.at < o.repoTtlSeconds * 1000);
        if (fresh)
          out.repos.set(
            k,
            cachedRepo.value === "not-found"
              ? { error: "not-found", message: "repository not found (cached)" }
              : cachedRepo.value,
          );
        if (fresh && cachedRepo.value === "not-found") {
          for (const t of r.targets)
            out.commits.set(commitKey(t), { error: "not-found", message: "repository not found (cached)" });
          continue;
        }
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
          for (const t of r.targets) {
            const cr = cachedReach.get(reachKey(t));
            if (cr !== undefined) out.reach.set(reachKey(t), cr.value);
          }
          continue;
        }
        const needsFacts = !fresh || r.targets.some((t) => t.ref === undefined && cachedReach.has(reachKey(t)));
        if (needsFacts || commits.length > 0 || compares.length > 0 || heads.length > 0) {
          asks.set(k, {
            alias: "",
            owner: r.owner,
            name: r.repo,
            facts: needsFacts,
            commits,
            compares,
            heads,
            host: r.host,
            r,
            cachedReach,
          });
        }
      }
      if (o.offline) return finishOffline(out, repos, notes);
      // Batch per host, in queries of at most MAX_ALIASES_PER_QUERY aliases.
      const batches: Array<Array<typeof asks extends Map<string, infer V> ? V : never>> = [];
      for (const ask of [...asks.values()].sort((a, b) => a.host.localeCompare(b.host))) {
        const last = batches[batches.length - 1];
        const size = (last ?? []).reduce((n, a) => n + askSize(a), 0);
        if (last !== undefined && last[0]?.host === ask.host && size + askSize(ask) <= MAX_ALIASES_PER_QUERY)
          last.push(ask);
        else batches.push([ask]);
      }
      let done = 0;
      const second: GithubTarget[] = [];
      const work = batches.map((batch) => async () => {
        const host = batch[0]?.host;
        if (host === undefined) return;
        const client = o.clientFor(host);
        const query = provenanceQuery(batch.map((a, i) => ({ ...a, alias: `r${i}` })));
        const result: QueryResult =
          typeof client === "string"
            ? { failure: { kind: "unconfigured", message: client }, notFound: new Set() }
            : await runQuery({ ...o.run, client }, query, notes);
        for (const [i, a] of batch.entries())
          absorb(a, result.data?.[`r${i}`], result.failure, result.notFound.has(`r${i}`));
        o.progress?.(++done, batches.length);
      });
      const absorb = (
        a: (typeof batches)[number][number],
        raw: unknown,
        failure: { kind: UpstreamError["error"]; message: string } | undefined,
        notFound: boolean,
      ): void => {
        const k = repoKey(a.r);
        const at = o.run.now();
        if (failure !== undefined) {
          for (const t of a.r.targets)
            for (const [m, key] of [
              [out.commits, commitKey(t)],
              [out.reach, reachKey(t)],
            ] as const)
              if (!m.has(key)) m.set(key, { error: failure.kind, message: failure.message });
          if (!out.repos.has(k)) out.repos.set(k, { error: failure.kind, message: failure.message });
          return;
        }
        if (notFound || raw === null || raw === undefined) {
          out.repos.set(k, { error: "not-found", message: "repository not found" });
          for (const t of a.r.targets)
            out.commits.set(commitKey(t), { error: "not-found", message: "repository not found" });
          o.cache.set("repos", k, { at, value: "not-found" });
          return;
        }
        const obj = isRecord(raw) ? raw : {};
        if (a.facts) {
          const facts = repoFacts(obj);
          if (facts !== undefined) {
            out.repos.set(k, facts);
            o.cache.set("repos", k, { at, value: facts });
          } else
            out.repos.set(k, {
              error: "invalid-response",
              message: "GitHub's repository answer had an unexpected shape",
            });
        }
        const repo = out.repos.get(k);
        const defaultBranch = repo !== undefined && !("error" in repo) ? repo.defaultBranch : undefined;
        a.r.targets.forEach((t, i) => {
          const alias = a.commits.find(([, oid]) => oid === t.rev)?.[0];
          if (alias !== undefined && !out.commits.has(commitKey(t))) {
            const c = obj[alias] === null ? undefined : commitFacts(obj[alias]);
            out.commits.set(commitKey(t), c ?? { error: "not-found", message: "commit not found" });
            o.cache.set("commits", `${k}/${t.rev}`, { at, value: c ?? "not-found" });
          }
          const cached = a.cachedReach.get(reachKey(t));
          if (cached !== undefined) {
            const alias = a.heads.find(([, ref]) => ref === t.ref)?.[0];
            const head =
              t.ref === undefined ? defaultBranchHead(obj) : alias !== undefined ? refHead(obj[alias]) : undefined;
            if (head !== undefined && head === cached.value.headOid) out.reach.set(reachKey(t), cached.value);
            else second.push(t);
          } else if (obj[`x${i}`] !== undefined) {
            const reach = reachability(obj[`x${i}`], refLabel(t, defaultBranch));
            if (reach !== undefined) {
              out.reach.set(reachKey(t), reach);
              o.cache.set("reach", reachCacheKey(t), { at, value: reach });
            }
          }
        });
      };
      await pool(work, o.concurrency);
      if (second.length > 0) {
        const again = await githubProvenanceSource({
          ...o,
          progress: () => undefined,
          ignoreCachedReach: true,
        }).resolve(second);
        for (const [key, v] of again.reach) out.reach.set(key, v);
        notes.push(...again.notes);
      }
      const requests = requestCount(o, repos) - startCount;
      return { ...out, requests, notes } satisfies ProvenanceBatch;
    },
  };
}

/** Requests sent so far by the clients of these repositories' hosts. */
function requestCount(o: SourceOptions, repos: ReadonlyMap<string, Repo>): number {
  let n = 0;
  for (const host of new Set([...repos.values()].map((r) => r.host))) {
    const c = o.clientFor(host);
    if (typeof c !== "string") n += c.requests();
  }
  return n;
}
