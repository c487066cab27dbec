import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { InputError, UsageError } from "../app/errors.js";
import { parseGithubEvent, type GithubEvent } from "../ingest/github-event.js";
import type { CompareSource, ProvenanceSource } from "../app/ports.js";
import { cacheDir, diskCache, noCache, type DiskCache } from "../adapters/github/cache.js";
import { githubCompareSource } from "../adapters/github/compare-source.js";
import { createGithubClient, type GithubClient } from "../adapters/github/client.js";
import { githubProvenanceSource } from "../adapters/github/provenance-source.js";
import type { UpstreamArgs } from "./commands/github-options.js";
import type { Env, Io } from "./io.js";
import { redact } from "../adapters/github/redact.js";
import { oneLine } from "../render/escape.js";

/** How often a line of progress is printed when stderr is not a terminal. */
const NON_TTY_PROGRESS_MS = 10_000;

/** The token from --github-token-file or GITHUB_TOKEN, and where it came from (for messages, never the value). */
export function readToken(args: Pick<UpstreamArgs, "githubTokenFile">, env: Env): { token?: string; source: string } {
  if (args.githubTokenFile !== undefined) {
    try {
      const token = readFileSync(args.githubTokenFile, "utf8").trim();
      return token === ""
        ? { source: "--github-token-file" }
        : { token, source: `the token in ${args.githubTokenFile}` };
    } catch {
      throw new UsageError(`cannot read --github-token-file ${args.githubTokenFile}`);
    }
  }
  const t = env["GITHUB_TOKEN"]?.trim();
  return t !== undefined && t !== "" ? { token: t, source: "GITHUB_TOKEN" } : { source: "GITHUB_TOKEN" };
}

const trimSlash = (u: string): string => u.replace(/\/+$/, "");

/** GITHUB_SERVER_URL (https://github.com by default), checked: a bad one is a usage error, not a crash. */
export function serverUrl(env: Env): URL {
  const raw = env["GITHUB_SERVER_URL"];
  if (raw === undefined || raw === "") return new URL("https://github.com");
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:") || url.host === "")
    throw new UsageError(
      `GITHUB_SERVER_URL is not an http(s) URL: '${redact(raw)}'; expected the web address of the GitHub server, e.g. https://github.com`,
    );
  return url;
}

/** The web address of a GitHub host, for links built from owner, repository and commit ids. */
const webBaseFor =
  (env: Env) =>
  (host: string): string => {
    const server = serverUrl(env);
    return host === server.host.toLowerCase() ? trimSlash(`${server.origin}${server.pathname}`) : `https://${host}`;
  };

type ClientFor = (host: string) => GithubClient | string;
const factories = new WeakMap<object, ClientFor>();
/** The flags besides UpstreamArgs that say what a command asks GitHub for. */
interface AskingFlags {
  /** check, diff and pr-review: no upstream facts. */
  readonly lockOnly?: boolean;
  /** sbom: upstream facts only when asked for. */
  readonly resolve?: boolean;
}

/** How to run the command at hand without GitHub, from the flags it has (and those given). */
export function unreachableHint(args: UpstreamArgs & AskingFlags): string {
  // pr-review --lock-only asks GitHub for nothing but the comment.
  if (args.lockOnly === true) return "the pull-request comment will be missing; --no-comment skips it";
  const cache = "--offline (answers from the cache)";
  const without =
    args.lockOnly !== undefined
      ? `use ${cache} or --lock-only (no upstream facts)`
      : args.resolve !== undefined
        ? `use ${cache}, or leave out --resolve`
        : `use ${cache}`;
  return `upstream facts will be missing. To run without GitHub, ${without}`;
}

/**
 * GitHub clients by host, one set per run. Endpoints follow GitHub Actions' variables
 * (GITHUB_API_URL, GITHUB_GRAPHQL_URL, GITHUB_SERVER_URL). The token goes only to the configured
 * server's API: a lock naming another host (an Enterprise `host` attribute) must never receive it.
 * The first time a server is unreachable, stderr says so once, with how to run without it.
 */
function clientFactory(args: UpstreamArgs & AskingFlags, env: Env, tool: string, io?: Io): ClientFor {
  const known = factories.get(args);
  if (known !== undefined) return known;
  const { token } = readToken(args, env);
  const api = trimSlash(
    args.githubApiUrl ?? env["FLAKE_AUDIT_GITHUB_API_URL"] ?? env["GITHUB_API_URL"] ?? "https://api.github.com",
  );
  const graphql =
    env["FLAKE_AUDIT_GITHUB_GRAPHQL_URL"] ??
    env["GITHUB_GRAPHQL_URL"] ??
    (api.endsWith("/api/v3") ? `${api.slice(0, -3)}graphql` : `${api}/graphql`);
  const serverHost = serverUrl(env).host.toLowerCase();
  const signal = AbortSignal.timeout(Math.max(1, args.timeout) * 1000);
  let warned = false;
  const common = {
    retryBaseMs: Number(env["FLAKE_AUDIT_RETRY_BASE_MS"] ?? 1000),
    retries: 3,
    signal,
    userAgent: `flake-audit/${tool}`,
    onUnreachable: (message: string) => {
      if (warned || io === undefined) return;
      warned = true;
      io.stderr(`warning: ${oneLine(message)}; ${unreachableHint(args)}\n`);
    },
  };
  const clients = new Map<string, GithubClient>();
  const enterprise = new Set(args.githubHost.map((h) => h.toLowerCase()));
  const clientFor: ClientFor = (host) => {
    const existing = clients.get(host);
    if (existing !== undefined) return existing;
    let client: GithubClient;
    if (host === serverHost)
      client = createGithubClient({
        ...common,
        baseUrl: api,
        graphqlUrl: graphql,
        ...(token !== undefined ? { token } : {}),
      });
    else if (enterprise.has(host))
      client = createGithubClient({
        ...common,
        baseUrl: `https://${host}/api/v3`,
        graphqlUrl: `https://${host}/api/graphql`,
      });
    else
      return `GitHub host ${host} is not configured: pass --github-host ${host} (it is asked anonymously), or point GITHUB_SERVER_URL and GITHUB_API_URL at it`;
    clients.set(host, client);
    return client;
  };
  factories.set(args, clientFor);
  return clientFor;
}

const cacheOf = (args: UpstreamArgs, env: Env): DiskCache => (args.cache ? diskCache(cacheDir(env)) : noCache);

/** The provenance resolver over GitHub. */
export function githubSource(
  args: UpstreamArgs & AskingFlags,
  env: Env,
  io: Io,
  now: () => number,
  tool: string,
): ProvenanceSource {
  const { source } = readToken(args, env);
  const started = now();
  let lastLine = started;
  return githubProvenanceSource({
    clientFor: clientFactory(args, env, tool, io),
    cache: cacheOf(args, env),
    offline: args.offline,
    repoTtlSeconds: args.cacheTtl,
    concurrency: 4,
    run: {
      now,
      sleep: (ms) => sleep(ms),
      maxWaitSeconds: args.rateLimitWait,
      warn: (m) => io.stderr(`warning: ${oneLine(m)}\n`),
      tokenSource: source,
    },
    progress: (done, total) => {
      if (args.quiet || (now() - started < 1000 && done < total)) return;
      if (io.isTTY) io.stderr(`\rresolving upstream facts: ${done}/${total} queries${done === total ? "\n" : ""}`);
      // Not on a terminal (CI logs): no carriage returns, a line now and then so a long wait shows.
      else if (now() - lastLine >= NON_TTY_PROGRESS_MS && done < total) {
        lastLine = now();
        io.stderr(`resolving upstream facts: ${done}/${total} queries\n`);
      }
    },
  });
}

/** old...new comparisons over GitHub's REST API. */
export function githubCompare(
  args: UpstreamArgs & AskingFlags,
  env: Env,
  now: () => number,
  tool: string,
  io?: Io,
): CompareSource {
  return githubCompareSource({
    clientFor: clientFactory(args, env, tool, io),
    webBaseFor: webBaseFor(env),
    cache: cacheOf(args, env),
    offline: args.offline,
    now,
  });
}

/** The client of the configured GitHub server (the one the token belongs to), for pull-request comments. */
export function githubServerClient(args: UpstreamArgs & AskingFlags, env: Env, tool: string, io?: Io): GithubClient {
  const c = clientFactory(args, env, tool, io)(serverUrl(env).host.toLowerCase());
  if (typeof c === "string") throw new UsageError(c);
  return c;
}

/** The pull request's base, head and number from GITHUB_EVENT_PATH; {} when unset. */
export async function readGithubEvent(file: string | undefined): Promise<GithubEvent> {
  if (file === undefined || file === "") return {};
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UsageError(`cannot read the event in GITHUB_EVENT_PATH (${file})`);
  }
  const event = parseGithubEvent(text, file);
  if (!event.ok) throw new InputError(event.error);
  return event.value;
}
