import { Octokit } from "octokit";

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
}

export interface GithubClient {
  graphql(query: string): Promise<unknown>;
  rest(
    route: string,
    params: Record<string, unknown>,
  ): Promise<{ status: number; data: unknown; headers: Record<string, string | number | undefined> }>;
  /** HTTP requests sent so far, retries included. */
  requests(): number;
}

/**
 * The one place octokit is used. Its retry plugin handles 5xx and dropped connections; its
 * throttling plugin is off because it spaces GraphQL requests a second apart, and flake-audit
 * already batches, bounds concurrency and handles rate limits itself (provenance-source.ts).
 * Octokit's own log is silent: whatever could carry a token never reaches the output.
 */
export function createGithubClient(opts: ClientOptions): GithubClient {
  const octokit = new Octokit({
    ...(opts.token !== undefined ? { auth: opts.token } : {}),
    baseUrl: opts.baseUrl,
    userAgent: opts.userAgent,
    throttle: { enabled: false },
    retry: { retries: opts.retries, retryAfterBaseValue: opts.retryBaseMs },
    request: opts.signal !== undefined ? { signal: opts.signal } : {},
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  let count = 0;
  octokit.hook.before("request", () => {
    count++;
  });
  return {
    graphql: (query) => octokit.request({ method: "POST", url: opts.graphqlUrl, query }).then((r) => r.data as unknown),
    async rest(route, params) {
      const r = await octokit.request(route, params);
      return {
        status: r.status,
        data: r.data as unknown,
        headers: r.headers as Record<string, string | number | undefined>,
      };
    },
    requests: () => count,
  };
}
