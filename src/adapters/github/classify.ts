import type { UpstreamErrorKind } from "../../domain/provenance/upstream-facts.js";

/** What went wrong with one request, and whether waiting could help. */
export interface RequestFailure {
  readonly kind: UpstreamErrorKind;
  readonly message: string;
  /** Seconds until the rate limit resets, when that is the problem. */
  readonly retryAfterSeconds?: number;
}

type Headers = Record<string, string | number | undefined>;
const header = (h: Headers | undefined, name: string): string | undefined => {
  const v = h?.[name];
  return v === undefined ? undefined : String(v);
};

/** Seconds to wait before the rate limit lifts: retry-after, else x-ratelimit-reset minus now. */
export function rateLimitWait(headers: Headers | undefined, nowMs: number, resetAt?: string): number | undefined {
  const retryAfter = Number(header(headers, "retry-after"));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter;
  const reset = Number(header(headers, "x-ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, Math.ceil(reset - nowMs / 1000) + 1);
  if (resetAt !== undefined && !Number.isNaN(Date.parse(resetAt)))
    return Math.max(0, Math.ceil((Date.parse(resetAt) - nowMs) / 1000) + 1);
  return undefined;
}

/** Turns an octokit error into a failure kind, without ever quoting request headers (tokens). */
export function classifyError(e: unknown, nowMs: number): RequestFailure {
  const err = e as {
    status?: number;
    name?: string;
    message?: string;
    response?: { headers?: Headers; data?: unknown };
  };
  const status = typeof err.status === "number" ? err.status : undefined;
  const headers = err.response?.headers;
  if (err.name === "AbortError" || /aborted|timeout/i.test(err.message ?? ""))
    return { kind: "network", message: "the request to GitHub timed out" };
  if (status === 401) return { kind: "auth", message: "GitHub rejected the credentials (401 Bad credentials)" };
  const limited =
    (status === 403 || status === 429) &&
    (header(headers, "x-ratelimit-remaining") === "0" || header(headers, "retry-after") !== undefined);
  if (limited) {
    const wait = rateLimitWait(headers, nowMs);
    return {
      kind: "rate-limited",
      message: "the GitHub API rate limit is exhausted",
      ...(wait !== undefined ? { retryAfterSeconds: wait } : {}),
    };
  }
  if (status === 404) return { kind: "not-found", message: "not found on GitHub" };
  // octokit reports a request that never got an answer as status 500 without a response.
  if (status === undefined || err.response === undefined)
    return { kind: "network", message: "could not reach GitHub (no network, or the connection was reset)" };
  if (status >= 500) return { kind: "network", message: `GitHub answered ${status} after retries` };
  return { kind: "invalid-response", message: `GitHub answered ${status}` };
}
