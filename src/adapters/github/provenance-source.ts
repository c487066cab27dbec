import type { ProvenanceSource } from "../../app/ports.js";
import type { GithubTarget } from "../../domain/provenance/upstream-facts.js";
import type { ProvenanceBatch } from "../../domain/provenance/report.js";
import type { DiskCache } from "./cache.js";
import type { GithubClient } from "./client.js";
import { provenanceQuery } from "./queries.js";
import { runQuery, type QueryResult, type QueryRun } from "./query-runner.js";
import { finishOffline, type GithubRepo } from "./offline-answers.js";
import { absorbAnswer } from "./provenance-absorb.js";
import { batchAsks, emptyAnswers, groupByRepo, planRepo, type Answers, type Ask } from "./provenance-plan.js";
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

/**
 * Resolves GitHub targets in as few requests as it can: deduplicated, batched into aliased GraphQL
 * queries, with bounded concurrency, and answered from the disk cache where the facts cannot have
 * changed (commits forever; reachability while the ref's head is the same; repositories for a TTL).
 * The steps: group by repository, answer from the cache and plan what is left (provenance-plan.ts),
 * send the batches, absorb each answer (provenance-absorb.ts), ask again what a moved head voided.
 */
export function githubProvenanceSource(o: SourceOptions): ProvenanceSource {
  return {
    async resolve(targets) {
      const repos = groupByRepo(targets);
      const out = emptyAnswers();
      const notes: string[] = [];
      const startCount = o.offline ? 0 : requestCount(o, repos);
      const now = o.run.now();
      const asks: Ask[] = [];
      for (const [k, r] of repos) {
        const ask = planRepo(o, k, r, out, now);
        if (ask !== undefined) asks.push(ask);
      }
      if (o.offline) return finishOffline(out, repos, notes);
      const second = await sendBatches(o, batchAsks(asks), out, notes);
      if (second.length > 0) await askAgain(o, second, out, notes);
      const requests = requestCount(o, repos) - startCount;
      return { ...out, requests, notes } satisfies ProvenanceBatch;
    },
  };
}

/** Sends the batches with bounded concurrency and absorbs each answer; returns the targets to ask again. */
async function sendBatches(o: SourceOptions, batches: readonly Ask[][], out: Answers, notes: string[]) {
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
    for (const [i, a] of batch.entries()) {
      const answer = { raw: result.data?.[`r${i}`], failure: result.failure, notFound: result.notFound.has(`r${i}`) };
      second.push(...absorbAnswer(o.cache, out, a, answer, o.run.now()));
    }
    o.progress?.(++done, batches.length);
  });
  await pool(work, o.concurrency);
  return second;
}

/** The second round: targets whose cached reachability a moved ref head voided, asked without the cache. */
async function askAgain(o: SourceOptions, targets: readonly GithubTarget[], out: Answers, notes: string[]) {
  const again = await githubProvenanceSource({ ...o, progress: () => undefined, ignoreCachedReach: true }).resolve(
    targets,
  );
  for (const [key, v] of again.reach) out.reach.set(key, v);
  notes.push(...again.notes);
}

/** Requests sent so far by the clients of these repositories' hosts. */
function requestCount(o: SourceOptions, repos: ReadonlyMap<string, GithubRepo>): number {
  let n = 0;
  for (const host of new Set([...repos.values()].map((r) => r.host))) {
    const c = o.clientFor(host);
    if (typeof c !== "string") n += c.requests();
  }
  return n;
}
