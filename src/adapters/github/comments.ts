import type { PrComment, PullRequestComments } from "../../app/ports.js";
import type { GithubClient } from "./client.js";
import { CommentSchema } from "./responses.schema.js";

/** Issue comments of one pull request over REST, listed page by page. */
export function githubComments(client: GithubClient, owner: string, repo: string, issue: number): PullRequestComments {
  const parse = (data: unknown): PrComment => {
    const c = CommentSchema.parse(data);
    return { id: c.id, body: c.body ?? "" };
  };
  return {
    async list() {
      const all: PrComment[] = [];
      for (let page = 1; page <= 50; page++) {
        const r = await client.rest("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
          owner,
          repo,
          issue_number: issue,
          per_page: 100,
          page,
        });
        const batch = (r.data as unknown[]).map(parse);
        all.push(...batch);
        if (batch.length < 100) break;
      }
      return all;
    },
    create: async (body) =>
      parse(
        (
          await client.rest("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
            owner,
            repo,
            issue_number: issue,
            body,
          })
        ).data,
      ),
    update: async (id, body) =>
      parse(
        (
          await client.rest("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
            owner,
            repo,
            comment_id: id,
            body,
          })
        ).data,
      ),
  };
}
