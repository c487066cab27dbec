import { commitKey, reachKey, repoKey, type GithubTarget } from "../../domain/provenance/upstream-facts.js";
import type { UpstreamError } from "../../domain/provenance/report.js";
import type { DiskCache } from "./cache.js";
import { commitFacts, defaultBranchHead, reachability, refHead, repoFacts } from "./facts-parse.js";
import { reachCacheKey, type Answers, type Ask } from "./provenance-plan.js";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const refLabel = (t: GithubTarget, defaultBranch: string | undefined): string => t.ref ?? defaultBranch ?? "HEAD";

/** One repository's answer to a query, as the query runner left it. */
export interface RepoAnswer {
  readonly raw: unknown;
  readonly failure: { readonly kind: UpstreamError["error"]; readonly message: string } | undefined;
  readonly notFound: boolean;
}

/**
 * Takes one repository's answer into `out` and the cache. Returns the targets whose cached
 * reachability no longer holds (their ref head moved): they are asked again in a second round.
 */
export function absorbAnswer(cache: DiskCache, out: Answers, a: Ask, answer: RepoAnswer, at: number): GithubTarget[] {
  const k = repoKey(a.r);
  if (answer.failure !== undefined) {
    absorbFailure(out, a, answer.failure);
    return [];
  }
  if (answer.notFound || answer.raw === null || answer.raw === undefined) {
    out.repos.set(k, { error: "not-found", message: "repository not found" });
    for (const t of a.r.targets) out.commits.set(commitKey(t), { error: "not-found", message: "repository not found" });
    cache.set("repos", k, { at, value: "not-found" });
    return [];
  }
  const obj = isRecord(answer.raw) ? answer.raw : {};
  if (a.facts) absorbRepoFacts(cache, out, k, obj, at);
  const repo = out.repos.get(k);
  const defaultBranch = repo !== undefined && !("error" in repo) ? repo.defaultBranch : undefined;
  const again: GithubTarget[] = [];
  a.r.targets.forEach((t, i) => {
    absorbCommit(cache, out, a, t, obj, at);
    if (!absorbReach(cache, out, a, { t, i, obj, at, defaultBranch })) again.push(t);
  });
  return again;
}

/** The whole query failed: every question about this repository not yet answered gets the failure. */
function absorbFailure(out: Answers, a: Ask, failure: NonNullable<RepoAnswer["failure"]>): void {
  const error = { error: failure.kind, message: failure.message };
  for (const t of a.r.targets) {
    if (!out.commits.has(commitKey(t))) out.commits.set(commitKey(t), error);
    if (!out.reach.has(reachKey(t))) out.reach.set(reachKey(t), error);
  }
  const k = repoKey(a.r);
  if (!out.repos.has(k)) out.repos.set(k, error);
}

function absorbRepoFacts(cache: DiskCache, out: Answers, k: string, obj: Record<string, unknown>, at: number): void {
  const facts = repoFacts(obj);
  if (facts === undefined) {
    out.repos.set(k, { error: "invalid-response", message: "GitHub's repository answer had an unexpected shape" });
    return;
  }
  out.repos.set(k, facts);
  cache.set("repos", k, { at, value: facts });
}

function absorbCommit(
  cache: DiskCache,
  out: Answers,
  a: Ask,
  t: GithubTarget,
  obj: Record<string, unknown>,
  at: number,
): void {
  const alias = a.commits.find(([, oid]) => oid === t.rev)?.[0];
  if (alias === undefined || out.commits.has(commitKey(t))) return;
  const c = obj[alias] === null ? undefined : commitFacts(obj[alias]);
  out.commits.set(commitKey(t), c ?? { error: "not-found", message: "commit not found" });
  cache.set("commits", `${repoKey(a.r)}/${t.rev}`, { at, value: c ?? "not-found" });
}

/**
 * A target's reachability: the cached one while its ref head is unchanged, else the comparison the
 * query asked for. False when a cached answer no longer holds and must be asked again.
 */
function absorbReach(
  cache: DiskCache,
  out: Answers,
  a: Ask,
  at: {
    t: GithubTarget;
    i: number;
    obj: Record<string, unknown>;
    at: number;
    defaultBranch: string | undefined;
  },
): boolean {
  const { t, i, obj } = at;
  const cached = a.cachedReach.get(reachKey(t));
  if (cached !== undefined) {
    const alias = a.heads.find(([, ref]) => ref === t.ref)?.[0];
    const head = t.ref === undefined ? defaultBranchHead(obj) : alias !== undefined ? refHead(obj[alias]) : undefined;
    if (head === undefined || head !== cached.value.headOid) return false;
    out.reach.set(reachKey(t), cached.value);
    return true;
  }
  if (obj[`x${i}`] === undefined) return true;
  const reach = reachability(obj[`x${i}`], refLabel(t, at.defaultBranch));
  if (reach !== undefined) {
    out.reach.set(reachKey(t), reach);
    cache.set("reach", reachCacheKey(t), { at: at.at, value: reach });
  }
  return true;
}
