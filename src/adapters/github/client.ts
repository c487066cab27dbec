import { Octokit } from "octokit";
import { describeFailure, type RequestFailure } from "./classify.js";
import { redact } from "./redact.js";

export interface ClientOptions {
  /** From GITHUB_TOKEN or --github-token-file; never from argv. */
  readonly token?: string;
  /** REST base URL, e.g. https://api.github.com or https://ghe.example/api/v3. */
  readonly baseUrl: string;
  /** GraphQL endpoint, e.g. https://api.github.com/graphql. */
  readonly graphqlUrl: string;
  /** Base of the retry backoff for 5xx and connection failures, in ms. */
  readonly retryBaseMs: number;
  readonly retries: number;
  readonly signal?: AbortSignal;
  readonly userAgent: string;
  /** Called once, the first time the server turns out to be unreachable (DNS, refused, TLS, bad URL). */
  readonly onUnreachable?: (message: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RestAnswer {
  readonly status: number;
  readonly data: unknown;
  readonly headers: Readonly<Record<string, string | number | undefined>>;
}

export interface GithubClient {
  graphql(query: string): Promise<unknown>;
  rest(route: string, params: Record<string, unknown>): Promise<RestAnswer>;
  /** HTTP requests sent so far, retries included. */
  requests(): number;
  /** What a thrown request error means, its message redacted of the token and URL credentials. */
  failure(e: unknown, nowMs: number): RequestFailure;
  /** Text from the server, fit to quote in a message: redacted of the token and URL credentials. */
  redact(text: string): string;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one place octokit is used. Retries are ours rather than octokit's retry plugin, which
 * retries every failed connection alike: a name that does not resolve would be asked four times
 * with growing pauses for each of hundreds of requests. Here 5xx and reset connections get
 * `retries` more tries; DNS failures, refused connections, TLS errors and bad URLs fail at once,
 * and the client remembers them, so later requests to that server fail without being sent.
 * Octokit's throttling plugin is off because it spaces GraphQL requests a second apart, and
 * flake-audit already batches, bounds concurrency and handles rate limits itself. Octokit's own
 * log is silent: whatever could carry a token never reaches the output.
 */
export function createGithubClient(opts: ClientOptions): GithubClient {
  const octokit = new Octokit({
    ...(opts.token !== undefined ? { auth: opts.token } : {}),
    baseUrl: opts.baseUrl,
    userAgent: opts.userAgent,
    throttle: { enabled: false },
    retry: { enabled: false },
    request: opts.signal !== undefined ? { signal: opts.signal } : {},
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  let count = 0;
  octokit.hook.before("request", () => {
    count++;
  });
  const secrets = opts.token !== undefined ? [opts.token] : [];
  const failure = (e: unknown, nowMs: number): RequestFailure => describeFailure(e, nowMs, secrets);
  let unreachable: unknown;
  const sleep = opts.sleep ?? pause;
  async function send<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (unreachable !== undefined) throw unreachable;
      try {
        return await request();
      } catch (e) {
        const f = failure(e, Date.now());
        if (f.unreachable === true && unreachable === undefined) {
          unreachable = e;
          opts.onUnreachable?.(f.message);
        }
        if (f.retryable !== true || attempt >= opts.retries || opts.signal?.aborted === true) throw e;
        await sleep(opts.retryBaseMs * (attempt + 1) ** 2);
      }
    }
  }
  return {
    graphql: (query) =>
      send(() => octokit.request({ method: "POST", url: opts.graphqlUrl, query })).then((r) => r.data),
    async rest(route, params) {
      const r = await send(() => octokit.request(route, params));
      return { status: r.status, data: r.data, headers: r.headers };
    },
    requests: () => count,
    failure,
    redact: (text) => redact(text, secrets),
  };
}
