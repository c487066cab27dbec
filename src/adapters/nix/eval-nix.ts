import { pickEnv, runProgram, type RunResult } from "../subprocess.js";

/**
 * Settings for every nix call that evaluates a commit's flake: that code is whoever opened the
 * pull request. Pure evaluation; a build during evaluation (import-from-derivation) is refused, and
 * `max-jobs 0` with no builders means no build could start anyway; no substitution; a flake's
 * `nixConfig` is not applied (it could set substituters, keys or hooks); no network (`--offline`, no
 * registries, no lock update: an input that is not locked and in the store is an error, not a
 * download); no access tokens, whatever nix.conf says. `--offline` does not stop Nix 2.8's
 * `builtins.fetchurl`/`fetchTarball`/`fetchTree` at evaluation (measured: they download), and
 * `restrict-eval` would stop them but also refuses `git+file`/`path` inputs outside the store; so
 * evalEnv points every proxy variable at a closed port and allows git only its `file` protocol.
 */
export const EVAL_SETTINGS: readonly string[] = [
  "--offline",
  "--no-update-lock-file",
  "--option",
  "pure-eval",
  "true",
  "--option",
  "allow-import-from-derivation",
  "false",
  "--option",
  "accept-flake-config",
  "false",
  "--option",
  "substitute",
  "false",
  "--option",
  "substituters",
  "",
  "--option",
  "builders",
  "",
  "--option",
  "max-jobs",
  "0",
  "--option",
  "allow-unsafe-native-code-during-evaluation",
  "false",
  "--option",
  "access-tokens",
  "",
  "--option",
  "use-registries",
  "false",
  "--option",
  "warn-dirty",
  "false",
];

// The variables nix needs to find itself, its store and its daemon; HOME is the checkout's own.
// Not NIX_CONFIG (it may carry access-tokens), NIX_PATH (pure evaluation ignores it), tokens or keys.
const PASSED = [
  "PATH",
  "TMPDIR",
  "LANG",
  "LC_ALL",
  "TZ",
  "NIX_REMOTE",
  "NIX_STORE_DIR",
  "NIX_STATE_DIR",
  "NIX_LOG_DIR",
  "NIX_CONF_DIR",
  "NIX_DATA_DIR",
  "NIX_DAEMON_SOCKET_PATH",
];

const CLOSED_PROXY = "http://127.0.0.1:9";

/**
 * An allow-list of `parent`'s variables, with HOME (and so nix's caches) in `home`, and git told
 * that `tree` (the checkout, made by flake-audit) is safe whoever owns the repository.
 */
export function evalEnv(
  parent: Readonly<Record<string, string | undefined>>,
  home: string,
  tree: string,
): Record<string, string> {
  const env = pickEnv(parent, PASSED);
  env["HOME"] = home;
  env["XDG_CACHE_HOME"] = `${home}/.cache`;
  env["XDG_CONFIG_HOME"] = `${home}/.config`;
  env["XDG_DATA_HOME"] = `${home}/.local/share`;
  // curl (nix's downloader) sends every request through these: port 9 (discard) on loopback, closed.
  for (const k of ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "ftp_proxy"])
    env[k] = CLOSED_PROXY;
  // git (nix's fetcher of git inputs and builtins.fetchGit) may read local repositories only.
  env["GIT_ALLOW_PROTOCOL"] = "file";
  env["GIT_SSH_COMMAND"] = "false";
  env["GIT_PROXY_COMMAND"] = "false";
  env["GIT_TERMINAL_PROMPT"] = "0";
  env["GIT_CONFIG_NOSYSTEM"] = "1";
  env["GIT_CONFIG_COUNT"] = "1";
  env["GIT_CONFIG_KEY_0"] = "safe.directory";
  env["GIT_CONFIG_VALUE_0"] = tree;
  return env;
}

export interface EvalLimits {
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** The address space nix may use (`prlimit --as`): an evaluation that needs more fails "out of memory". */
  readonly memoryBytes: number;
  readonly signal: AbortSignal;
  readonly maxOutputBytes: number;
}

/**
 * The whole argv: `prlimit --as=BYTES --cpu=SECONDS -- nix FEATURES COMMAND SETTINGS -- OPERANDS`. The settings
 * go after the command's words (`--no-update-lock-file` is a flag of the command, not of nix) and
 * before the `--` every caller ends its options with, after which nothing is read as an option.
 */
export function evalArgv(memoryBytes: number, timeoutMs: number, args: readonly string[]): string[] {
  const end = args.indexOf("--");
  if (end < 0) throw new Error("nix arguments for an evaluation end their options with --");
  return [
    `--as=${Math.floor(memoryBytes)}`,
    // A backstop should flake-audit itself be killed (SIGKILL leaves nix running): CPU seconds, with
    // room for the garbage collector's threads, after which the kernel ends nix.
    `--cpu=${cpuSeconds(timeoutMs)}`,
    "--",
    "nix",
    "--extra-experimental-features",
    "nix-command flakes",
    ...args.slice(0, end),
    ...EVAL_SETTINGS,
    ...args.slice(end),
  ];
}

const cpuSeconds = (timeoutMs: number): number => 2 * Math.ceil(timeoutMs / 1000) + 10;

/** nix under the evaluation settings and limits. No shell: data are argv elements, never parsed. */
export function runEvalNix(args: readonly string[], limits: EvalLimits): Promise<RunResult> {
  return runProgram("prlimit", evalArgv(limits.memoryBytes, limits.timeoutMs, args), {
    env: limits.env,
    timeoutMs: limits.timeoutMs,
    maxOutputBytes: limits.maxOutputBytes,
    signal: limits.signal,
    whenMissing: "install util-linux (prlimit bounds the memory of nix evaluating installables)",
  });
}
