import { UpstreamAuthError, UpstreamUnavailableError } from "../../app/errors.js";
import type { PrComment, PullRequestComments } from "../../app/ports.js";
import type { GithubClient } from "./client.js";
import { CommentListSchema, CommentSchema, type RestComment } from "./responses.schema.js";

const toPrComment = (c: RestComment): PrComment => ({
  id: c.id,
  body: c.body ?? "",
  ...(c.user?.login !== undefined ? { author: c.user.login } : {}),
});

const MAX_PAGES = 50;

/**
 * Issue comments of one pull request over REST, listed page by page. Every failure becomes one
 * of two errors with a redacted message and never the response body: UpstreamAuthError for
 * 401/403 (exit 2), UpstreamUnavailableError for the rest (exit 4).
 */
export function githubComments(
  client: GithubClient,
  owner: string,
  repo: string,
  issue: number,
  now: () => number = Date.now,
): PullRequestComments {
  async function call<T>(what: string, request: () => Promise<unknown>, parse: (data: unknown) => T | undefined) {
    let data: unknown;
    try {
      data = await request();
    } catch (e) {
      const f = client.failure(e, now());
      const message = `could not ${what} the pull-request comment: ${f.message}`;
      if (f.kind === "auth" || f.status === 403)
        throw new UpstreamAuthError(`${message}; check that the token may write pull-request comments`);
      throw new UpstreamUnavailableError(message);
    }
    const parsed = parse(data);
    if (parsed === undefined)
      throw new UpstreamUnavailableError(
        `could not ${what} the pull-request comment: GitHub's answer had an unexpected shape`,
      );
    return parsed;
  }
  const one = (data: unknown): PrComment | undefined => {
    const c = CommentSchema.safeParse(data);
    return c.success ? toPrComment(c.data) : undefined;
  };
  const many = (data: unknown): PrComment[] | undefined => CommentListSchema.safeParse(data).data?.map(toPrComment);
  const path = { owner, repo };
  return {
    async list() {
      const all: PrComment[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const batch = await call(
          "list",
          async () =>
            (
              await client.rest("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
                ...path,
                issue_number: issue,
                per_page: 100,
                page,
              })
            ).data,
          many,
        );
        all.push(...batch);
        if (batch.length < 100) break;
      }
      return all;
    },
    create: (body) =>
      call(
        "create",
        async () =>
          (
            await client.rest("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
              ...path,
              issue_number: issue,
              body,
            })
          ).data,
        one,
      ),
    update: (id, body) =>
      call(
        "update",
        async () =>
          (
            await client.rest("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
              ...path,
              comment_id: id,
              body,
            })
          ).data,
        one,
      ),
  };
}
