import { RequestError } from "@octokit/request-error";
import type { UpstreamErrorKind } from "../../domain/provenance/upstream-facts.js";
import { redact } from "./redact.js";

/** What went wrong with one request, and whether waiting could help. */
export interface RequestFailure {
  readonly kind: UpstreamErrorKind;
  readonly message: string;
  /** Seconds until the rate limit resets, when that is the problem. */
  readonly retryAfterSeconds?: number;
  /** Whether asking again soon could succeed (5xx, a reset connection); false for DNS, refusals, TLS, bad URLs and ports. */
  readonly retryable?: boolean;
  /** The server cannot be reached at all: every further request to it would fail the same way. */
  readonly unreachable?: boolean;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
}

type Headers = Readonly<Record<string, string | number | undefined>>;
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

// Error codes of a request that never got an answer, by whether retrying can help.
const UNREACHABLE = /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ERR_INVALID_URL)$/;
const TLS = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;

/** The error code deepest in a chain of causes (fetch wraps the socket error in a TypeError). */
function rootCode(e: unknown): string | undefined {
  let code: string | undefined;
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur instanceof Error; depth++) {
    if ("code" in cur && typeof cur.code === "string") code = cur.code;
    cur = cur.cause;
  }
  return code;
}

/**
 * A request fetch refuses before connecting: a port on the fetch standard's bad-ports list (undici
 * throws "fetch failed" caused by an Error "bad port", without a code). It fails the same way every
 * time, so it is unreachable at once rather than retried like a reset connection.
 */
function fetchRefusal(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur instanceof Error; depth++) {
    if (cur.message === "bad port") return "fetch refuses that port: it is on the fetch standard's list of bad ports";
    cur = cur.cause;
  }
  return undefined;
}

const isTimeout = (e: unknown): boolean =>
  e instanceof Error &&
  (e.name === "AbortError" || e.name === "TimeoutError" || /operation was aborted|timed? ?out/i.test(e.message));

/** Why a request that got no answer failed; the host named without credentials. */
function noAnswer(e: unknown, where: string): RequestFailure {
  if (isTimeout(e) || (e instanceof Error && isTimeout(e.cause)))
    return { kind: "network", message: `the request to GitHub${where} timed out`, retryable: false };
  const refusal = fetchRefusal(e);
  if (refusal !== undefined)
    return { kind: "network", message: `could not reach GitHub${where} (${refusal})`, unreachable: true };
  const code = rootCode(e);
  if (code !== undefined && (UNREACHABLE.test(code) || TLS.test(code))) {
    const why = TLS.test(code) ? `a TLS error, ${code}` : code;
    return { kind: "network", message: `could not reach GitHub${where} (${why})`, unreachable: true };
  }
  if (e instanceof TypeError && /url|scheme/i.test(e.message))
    return { kind: "network", message: `could not reach GitHub${where} (not a valid URL)`, unreachable: true };
  const detail = code !== undefined ? ` (${code})` : "";
  return {
    kind: "network",
    message: `could not reach GitHub${where}: the connection failed${detail}`,
    retryable: true,
  };
}

const hostOf = (url: unknown): string => {
  if (typeof url !== "string") return "";
  try {
    return ` at ${new URL(url).host}`;
  } catch {
    return "";
  }
};

/**
 * Turns a failed request into a failure kind. Messages are built here from the status and error
 * codes only: never from the response body or the request (an echoing proxy would leak the token).
 */
export function classifyError(e: unknown, nowMs: number): RequestFailure {
  if (!(e instanceof RequestError)) return noAnswer(e, "");
  const where = hostOf(e.request.url);
  // octokit reports a request that never got an answer as status 500 without a response.
  if (e.response === undefined) return noAnswer(e.cause ?? e, where);
  const status = e.status;
  const headers = e.response.headers;
  if (status === 401) return { kind: "auth", message: "GitHub rejected the credentials (401 Bad credentials)", status };
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
  if (status === 403)
    return { kind: "invalid-response", message: "GitHub refused the request (403 Forbidden)", status };
  if (status === 404) return { kind: "not-found", message: "not found on GitHub", status };
  if (status >= 500) return { kind: "network", message: `GitHub${where} answered ${status}`, retryable: true, status };
  return { kind: "invalid-response", message: `GitHub${where} answered ${status}`, status };
}

/** classifyError, with the message redacted of the given secrets (the one exit for error text). */
export function describeFailure(e: unknown, nowMs: number, secrets: readonly string[]): RequestFailure {
  const f = classifyError(e, nowMs);
  return { ...f, message: redact(f.message, secrets) };
}
