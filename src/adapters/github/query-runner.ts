import { UpstreamAuthError } from "../../app/errors.js";
import { rateLimitWait, type RequestFailure } from "./classify.js";
import type { GithubClient } from "./client.js";
import { GraphqlEnvelopeSchema as Envelope, RateLimitSchema } from "./responses.schema.js";

export interface QueryRun {
  readonly client: GithubClient;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Wait for a rate-limit reset only when it is at most this many seconds away. */
  readonly maxWaitSeconds: number;
  readonly warn: (message: string) => void;
  /** Named in messages about credentials, e.g. "GITHUB_TOKEN". */
  readonly tokenSource: string;
}

export interface QueryResult {
  readonly data?: Record<string, unknown>;
  readonly failure?: Pick<RequestFailure, "kind" | "message">;
  /** Aliases GitHub answered NOT_FOUND for. */
  readonly notFound: ReadonlySet<string>;
}

/**
 * Sends one GraphQL query. NOT_FOUND errors are per alias (the rest of the answer stands); a rate
 * limit is waited out when its reset is near (and said so on stderr), otherwise reported; a 401
 * stops the run with one error about the token.
 */
export async function runQuery(run: QueryRun, query: string, notes: string[]): Promise<QueryResult> {
  for (let attempt = 0; ; attempt++) {
    let failure: RequestFailure;
    try {
      const body = Envelope.safeParse(await run.client.graphql(query));
      if (!body.success)
        return {
          failure: { kind: "invalid-response", message: "GitHub's GraphQL answer had an unexpected shape" },
          notFound: new Set(),
        };
      const errors = body.data.errors ?? [];
      const limited = errors.find((e) => e.type === "RATE_LIMITED");
      if (limited === undefined) {
        const notFound = new Set(errors.filter((e) => e.type === "NOT_FOUND").map((e) => String(e.path?.[0] ?? "")));
        const other = errors.find((e) => e.type !== "NOT_FOUND");
        if (other !== undefined && (body.data.data ?? null) === null)
          return {
            failure: {
              kind: "invalid-response",
              message: `GitHub rejected the query: ${run.client.redact(other.message).slice(0, 200)}`,
            },
            notFound,
          };
        return { data: body.data.data ?? {}, notFound };
      }
      const resetAt = RateLimitSchema.safeParse(body.data.data?.["rateLimit"]).data?.resetAt;
      const wait = rateLimitWait(undefined, run.now(), resetAt);
      failure = {
        kind: "rate-limited",
        message: "the GitHub GraphQL rate limit is exhausted",
        ...(wait !== undefined ? { retryAfterSeconds: wait } : {}),
      };
    } catch (e) {
      failure = run.client.failure(e, run.now());
      if (failure.kind === "auth")
        throw new UpstreamAuthError(
          `${failure.message}: check ${run.tokenSource} (or unset it to use the anonymous rate limit of 60 requests an hour)`,
        );
    }
    const wait = failure.retryAfterSeconds;
    if (failure.kind === "rate-limited" && wait !== undefined && wait <= run.maxWaitSeconds && attempt < 2) {
      run.warn(`GitHub rate limit reached; waiting ${wait} s for it to reset`);
      await run.sleep(wait * 1000);
      continue;
    }
    if (failure.kind === "rate-limited") {
      const when = wait !== undefined ? ` (it resets in ${Math.ceil(wait / 60)} min)` : "";
      notes.push(
        `rate-limited${when}: set GITHUB_TOKEN for 5,000 requests an hour, or use --offline for cached answers`,
      );
    }
    return { failure: { kind: failure.kind, message: failure.message }, notFound: new Set() };
  }
}
