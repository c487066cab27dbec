import type { CommitFacts, GithubTarget, Reachability, RepoFacts } from "../../domain/provenance/upstream-facts.js";
import { commitKey } from "../../domain/provenance/upstream-facts.js";
import type { ProvenanceBatch, UpstreamError } from "../../domain/provenance/report.js";

/** The targets asked of one repository. */
export type GithubRepo = { host: string; owner: string; repo: string; targets: GithubTarget[] };

/** With --offline: every repository and commit the cache did not answer becomes an "offline" gap. */
export function finishOffline(
  out: {
    repos: Map<string, RepoFacts | UpstreamError>;
    commits: Map<string, CommitFacts | UpstreamError>;
    reach: Map<string, Reachability | UpstreamError>;
  },
  repos: ReadonlyMap<string, GithubRepo>,
  notes: string[],
): ProvenanceBatch {
  const missing = { error: "offline" as const, message: "not in the cache (offline)" };
  let unanswered = 0;
  for (const [k, r] of repos) {
    if (!out.repos.has(k)) {
      out.repos.set(k, missing);
      unanswered++;
    }
    for (const t of r.targets) {
      if (out.commits.has(commitKey(t))) continue;
      out.commits.set(commitKey(t), missing);
      unanswered++;
    }
  }
  if (unanswered > 0) notes.push(`offline: ${unanswered} answers were not in the cache`);
  return { ...out, requests: 0, notes };
}
