import type { Argv } from "yargs";
import type { Env } from "../io.js";
import { envDefault, envFlag } from "./shared-options.js";

export interface UpstreamArgs {
  readonly offline: boolean;
  readonly cache: boolean;
  readonly cacheTtl: number;
  readonly githubTokenFile?: string | undefined;
  readonly githubApiUrl?: string | undefined;
  readonly githubHost: readonly string[];
  readonly rateLimitWait: number;
  /** The global --quiet: no progress on stderr. */
  readonly quiet: boolean;
  readonly timeout: number;
}

/** Options of every command that asks GitHub. There is no token flag: tokens never go on a command line. */
export function upstreamOptions<T>(y: Argv<T>, env: Env) {
  return y
    .option("offline", {
      type: "boolean",
      default: envFlag(env, "offline"),
      describe: "answer from the cache only, and say what it could not answer",
    })
    .option("cache", {
      type: "boolean",
      default: true,
      describe: "use the disk cache ($XDG_CACHE_HOME/flake-audit); --no-cache to bypass it",
    })
    .option("cache-ttl", {
      type: "number",
      default: Number(envDefault(env, "cache-ttl") ?? 3600),
      describe: "seconds repository facts stay fresh in the cache (commits never expire)",
    })
    .option("github-token-file", {
      type: "string",
      describe: "read the GitHub token from this file (default: GITHUB_TOKEN)",
    })
    .option("github-api-url", {
      type: "string",
      describe: "GitHub REST API URL (default: GITHUB_API_URL or https://api.github.com)",
    })
    .option("github-host", {
      type: "string",
      array: true,
      default: [],
      describe: "a GitHub Enterprise host whose inputs may be resolved (anonymously)",
    })
    .option("rate-limit-wait", {
      type: "number",
      default: Number(envDefault(env, "rate-limit-wait") ?? 60),
      describe: "wait for a rate-limit reset at most this many seconds",
    });
}

/** --timeout, shared by every command that waits on nix or the network. */
export function timeoutOption<T>(y: Argv<T>, env: Env) {
  return y.option("timeout", {
    type: "number",
    default: Number(envDefault(env, "timeout") ?? 600),
    describe: "seconds before giving up on nix or the network",
  });
}
