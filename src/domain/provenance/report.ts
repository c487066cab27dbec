import { compareFindings, makeFinding, type Finding } from "../findings.js";
import { formatInputPath } from "../lock/input-path.js";
import type { LockedInput } from "../lock/inventory.js";
import {
  commitKey,
  isTarget,
  reachKey,
  repoKey,
  type CommitFacts,
  type GithubTarget,
  type Reachability,
  type RepoFacts,
  type Unsupported,
  type UpstreamErrorKind,
} from "./upstream-facts.js";
import type { Gap, SubjectFile, ToolInfo } from "../report.js";

export interface UpstreamError {
  readonly error: UpstreamErrorKind;
  readonly message: string;
}
export const isUpstreamError = (v: unknown): v is UpstreamError => typeof v === "object" && v !== null && "error" in v;

/** What the provenance source learned, keyed by repoKey / commitKey / reachKey. */
export interface ProvenanceBatch {
  readonly repos: ReadonlyMap<string, RepoFacts | UpstreamError>;
  readonly commits: ReadonlyMap<string, CommitFacts | UpstreamError>;
  readonly reach: ReadonlyMap<string, Reachability | UpstreamError>;
  /** HTTP requests made (0 when everything came from the cache). */
  readonly requests: number;
  readonly notes: readonly string[];
}

export interface Upstream {
  /** Canonical `owner/name`. */
  readonly repository: string;
  /** The `owner/name` the lock names, when GitHub knows the repository under another. */
  readonly renamedFrom?: string;
  readonly url: string;
  readonly commit?: CommitFacts;
  readonly reachable?: Reachability;
  readonly license: string | null;
  readonly archived: boolean;
  readonly fork: boolean;
  readonly parent?: string;
}

export interface ResolvedEntry {
  readonly input: string;
  readonly inputPaths: readonly string[];
  readonly type: string;
  readonly status: "resolved" | "not-found" | "unsupported" | "failed";
  readonly reason?: string;
  readonly rev?: string;
  readonly host?: string;
  readonly upstream?: Upstream;
}

export interface ResolveReport {
  readonly schemaVersion: 1;
  readonly tool: ToolInfo;
  readonly lockFile?: SubjectFile;
  readonly offline: boolean;
  readonly requests: number;
  readonly inputs: readonly ResolvedEntry[];
  readonly findings: readonly Finding[];
  readonly gaps: readonly Gap[];
}

/** What upstream's answers imply about an input that resolved. Pure. */
function upstreamFindings(
  id: string,
  t: GithubTarget,
  repo: RepoFacts,
  commit: CommitFacts,
  reach: Reachability | UpstreamError | undefined,
  lastModified: number | undefined,
): Finding[] {
  const out: Finding[] = [];
  const repository = repo.nameWithOwner;
  const requested = `${t.owner}/${t.repo}`;
  if (reach !== undefined && !isUpstreamError(reach) && !reach.contained)
    out.push(makeFinding("rev-not-on-ref", id, { rev: t.rev, ref: reach.ref, status: reach.status }));
  if (repository.toLowerCase() !== requested.toLowerCase())
    out.push(makeFinding("repo-renamed", id, { from: requested, to: repository }));
  if (repo.archived) out.push(makeFinding("repo-archived", id, { repository }));
  if (repo.fork)
    out.push(
      makeFinding("repo-fork", id, { repository, ...(repo.parent !== undefined ? { parent: repo.parent } : {}) }),
    );
  if (repo.license === undefined) out.push(makeFinding("missing-license", id, { repository }));
  if (lastModified !== undefined && Date.parse(commit.committedDate) / 1000 !== lastModified)
    out.push(makeFinding("last-modified-mismatch", id, { lastModified, committedDate: commit.committedDate }));
  return out;
}

function entryFor(
  input: LockedInput,
  id: string,
  t: GithubTarget,
  batch: ProvenanceBatch,
  findings: Finding[],
): ResolvedEntry {
  const base = {
    input: id,
    inputPaths: input.paths.map(formatInputPath),
    type: input.locked.type === "unknown" ? input.locked.declaredType : input.locked.type,
    rev: t.rev,
    host: t.host,
  };
  const repo = batch.repos.get(repoKey(t));
  const commit = batch.commits.get(commitKey(t));
  const requested = `${t.owner}/${t.repo}`;
  const failure = [repo, commit].find((x): x is UpstreamError => isUpstreamError(x) && x.error !== "not-found");
  if (failure?.error === "unconfigured")
    return { ...base, status: "unsupported", reason: `not resolvable: ${failure.message}` };
  if (failure?.error === "offline") return { ...base, status: "failed", reason: failure.message };
  if (failure !== undefined || repo === undefined || commit === undefined) {
    return { ...base, status: "failed", reason: failure?.message ?? "not looked up" };
  }
  if (isUpstreamError(repo) || isUpstreamError(commit)) {
    const missing = isUpstreamError(repo) ? "repository" : "commit";
    const found = makeFinding("rev-not-found", id, { host: t.host, repository: requested, rev: t.rev, missing });
    findings.push(found);
    const what = missing === "repository" ? `repository ${requested}` : `commit ${t.rev.slice(0, 12)} in ${requested}`;
    return { ...base, status: "not-found", reason: `${what} was not found` };
  }
  const reach = batch.reach.get(reachKey(t));
  const renamed = repo.nameWithOwner.toLowerCase() !== requested.toLowerCase();
  const upstream: Upstream = {
    repository: repo.nameWithOwner,
    ...(renamed ? { renamedFrom: requested } : {}),
    url: repo.url,
    commit,
    ...(reach !== undefined && !isUpstreamError(reach) ? { reachable: reach } : {}),
    license: repo.license ?? null,
    archived: repo.archived,
    fork: repo.fork,
    ...(repo.parent !== undefined ? { parent: repo.parent } : {}),
  };
  findings.push(...upstreamFindings(id, t, repo, commit, reach, input.locked.lastModified));
  return { ...base, status: "resolved", upstream };
}

/** Puts what upstream said next to each input, with the findings it implies. Pure. */
export function buildResolveReport(
  entries: ReadonlyArray<{ input: LockedInput; id: string; target: GithubTarget | Unsupported }>,
  batch: ProvenanceBatch,
  meta: { tool: ToolInfo; lockFile?: SubjectFile; offline: boolean; gaps: readonly Gap[] },
): ResolveReport {
  const findings: Finding[] = [];
  const inputs = entries.map(({ input, id, target }): ResolvedEntry => {
    if (!isTarget(target))
      return {
        input: id,
        inputPaths: input.paths.map(formatInputPath),
        type: input.locked.type === "unknown" ? input.locked.declaredType : input.locked.type,
        status: "unsupported",
        reason: `not resolvable: ${target.reason}`,
      };
    return entryFor(input, id, target, batch, findings);
  });
  const gaps = [
    ...meta.gaps,
    ...inputs.filter((e) => e.status === "failed").map((e) => ({ input: e.input, reason: e.reason ?? "failed" })),
  ];
  // Offline is a choice: what the cache could not answer is a gap, but not a failure of the run.
  return {
    schemaVersion: 1,
    tool: meta.tool,
    ...(meta.lockFile !== undefined ? { lockFile: meta.lockFile } : {}),
    offline: meta.offline,
    requests: batch.requests,
    inputs,
    findings: findings.sort(compareFindings),
    gaps,
  };
}
