import type { CompareSource } from "../../app/ports.js";
import { compareKey, type CompareFacts, type CompareTarget } from "../../domain/diff/report.js";
import type { UpstreamError } from "../../domain/provenance/report.js";
import type { DiskCache } from "./cache.js";
import { readCachedCompare } from "./cache.schema.js";
import type { GithubClient } from "./client.js";
import { CompareResponseSchema } from "./responses.schema.js";
import { pool } from "../pool.js";

/** How many commits of one comparison are fetched and shown; the total is always reported. */
export const MAX_COMPARE_COMMITS = 500;
const PER_PAGE = 100;
const REV = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;

/**
 * old...new comparisons through the REST compare endpoint (GraphQL compares only from a ref),
 * paginated past its 250-commit answer up to MAX_COMPARE_COMMITS. Two fixed revs always compare
 * the same, so answers are cached forever.
 */
export function githubCompareSource(o: {
  clientFor: (host: string) => GithubClient | string;
  /** The web address of a host (https://github.com): links are built from ids, not taken from answers. */
  webBaseFor: (host: string) => string;
  cache: DiskCache;
  offline: boolean;
  now: () => number;
}): CompareSource {
  async function one(t: CompareTarget): Promise<CompareFacts | UpstreamError> {
    const cached = readCachedCompare(o.cache.get("compare", compareKey(t)));
    if (cached !== undefined) return cached;
    if (o.offline) return { error: "offline", message: "not in the cache (offline)" };
    const client = o.clientFor(t.host);
    if (typeof client === "string") return { error: "unconfigured", message: client };
    // GitHub's own html_url is not used: a link in a PR comment must not point wherever a server says.
    const web = `${o.webBaseFor(t.host)}/${encodeURIComponent(t.owner)}/${encodeURIComponent(t.repo)}`;
    if (!REV.test(t.base) || !REV.test(t.head))
      return { error: "invalid-response", message: "a rev is not a commit id, so it was not compared" };
    let facts: CompareFacts | undefined;
    const commits: CompareFacts["commits"][number][] = [];
    try {
      for (let page = 1; commits.length < MAX_COMPARE_COMMITS; page++) {
        const r = await client.rest("GET /repos/{owner}/{repo}/compare/{basehead}", {
          owner: t.owner,
          repo: t.repo,
          basehead: `${t.base}...${t.head}`,
          per_page: PER_PAGE,
          page,
        });
        const body = CompareResponseSchema.safeParse(r.data);
        if (!body.success)
          return { error: "invalid-response", message: "GitHub's compare answer had an unexpected shape" };
        const b = body.data;
        for (const c of b.commits)
          commits.push({
            sha: c.sha,
            headline: c.commit.message.split("\n")[0] ?? "",
            ...(c.commit.author?.name != null ? { author: c.commit.author.name } : {}),
            date: c.commit.committer?.date ?? c.commit.author?.date ?? "",
            url: `${web}/commit/${c.sha}`,
          });
        facts = {
          status: b.status,
          aheadBy: b.ahead_by,
          behindBy: b.behind_by,
          totalCommits: b.total_commits,
          commits: [],
          compareUrl: `${web}/compare/${t.base}...${t.head}`,
          ...(b.merge_base_commit?.sha !== undefined ? { mergeBase: b.merge_base_commit.sha } : {}),
        };
        if (b.commits.length < PER_PAGE || commits.length >= b.total_commits) break;
      }
    } catch (e) {
      const f = client.failure(e, o.now());
      return { error: f.kind, message: f.kind === "not-found" ? "one of the revs was not found upstream" : f.message };
    }
    if (facts === undefined) return { error: "invalid-response", message: "GitHub's compare answer was empty" };
    const result = { ...facts, commits: commits.slice(0, MAX_COMPARE_COMMITS) };
    o.cache.set("compare", compareKey(t), result);
    return result;
  }
  return {
    async compare(targets) {
      const out = new Map<string, CompareFacts | UpstreamError>();
      const unique = [...new Map(targets.map((t) => [compareKey(t), t])).values()];
      await pool(
        unique.map((t) => async () => void out.set(compareKey(t), await one(t))),
        4,
      );
      return out;
    },
  };
}
