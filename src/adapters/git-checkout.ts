import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { rmSync } from "node:fs";
import { constants as osConstants, tmpdir } from "node:os";
import path from "node:path";
import { InputError, UsageError } from "../app/errors.js";
import { pickEnv, runProgram, stderrTail } from "./subprocess.js";

const WHEN_MISSING = "install git: installables are evaluated at each commit of the repository";
// A post-checkout hook in the repository's own .git would run on `worktree add`; LFS would download.
const GIT_SAFE = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "advice.detachedHead=false"];
// What git needs to find itself and the user's own configuration (safe.directory lives there). Not
// tokens (GITHUB_TOKEN reaches diff and pr-review), nor GIT_DIR, GIT_WORK_TREE or GIT_CONFIG_*, which
// would point git at another repository or configuration than the one around the lock.
const GIT_PASSED = ["PATH", "HOME", "XDG_CONFIG_HOME", "TMPDIR", "LANG", "LC_ALL", "TZ"];
/** Cleanup after a signal runs synchronously; a hung git must not hold the exit for ever. */
const CLEANUP_TIMEOUT_MS = 10_000;

/** An allow-list of `parent`'s variables, with LFS downloads and credential prompts turned off. */
export function gitEnv(parent: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
  return { ...pickEnv(parent, GIT_PASSED), GIT_LFS_SKIP_SMUDGE: "1", GIT_TERMINAL_PROMPT: "0" };
}

/**
 * The full commit id `rev` names in the repository around `repoDir`: `git rev-parse --verify
 * --end-of-options REV^{commit}`, so that a revision starting with `-` is a revision, never an option.
 */
export async function resolveCommit(repoDir: string, rev: string, signal?: AbortSignal): Promise<string> {
  // Control characters (NUL cannot even be an argument) and absurd lengths are no revision.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is this pattern's purpose
  if (rev.length === 0 || rev.length > 256 || /[\u0000-\u001f\u007f]/.test(rev))
    throw new UsageError(`not a git revision: ${JSON.stringify(rev.slice(0, 80))} (name a branch, tag or commit)`);
  const r = await runProgram(
    "git",
    [...GIT_SAFE, "rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`],
    {
      cwd: repoDir,
      env: gitEnv(),
      maxOutputBytes: 64 * 1024,
      timeoutMs: 60_000,
      whenMissing: WHEN_MISSING,
      ...(signal !== undefined ? { signal } : {}),
    },
  );
  const sha = r.kind === "ok" ? r.stdout.trim() : "";
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha))
    throw new InputError([
      {
        origin: `git rev-parse ${rev}`,
        pointer: "",
        message: `no commit ${JSON.stringify(rev)} in the repository at ${repoDir}${r.kind === "failed" && r.stderr.trim() !== "" ? `: ${stderrTail(r.stderr, 2)}` : ""}`,
        next: "fetch both revisions (actions/checkout with fetch-depth: 0) and check the name",
      },
    ]);
  return sha;
}

/** A commit checked out into a temporary git worktree, beside an empty home directory for nix. */
export interface Checkout {
  readonly tree: string;
  readonly home: string;
  /** Aborted when the request is, or when the process gets SIGINT/SIGTERM/SIGHUP. */
  readonly signal: AbortSignal;
}

interface Live {
  readonly repoDir: string;
  readonly dir: string;
  readonly tree: string;
  readonly stop: AbortController;
}

const live = new Set<Live>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Synchronous: a signal handler or `exit` cannot wait. Kills nix first, as it reads the tree. */
function removeSync(c: Live): void {
  c.stop.abort(new Error("interrupted"));
  const opts = { cwd: c.repoDir, stdio: "ignore", env: gitEnv(), timeout: CLEANUP_TIMEOUT_MS } as const;
  spawnSync("git", [...GIT_SAFE, "worktree", "remove", "--force", "--", c.tree], opts);
  rmSync(c.dir, { recursive: true, force: true });
  spawnSync("git", [...GIT_SAFE, "worktree", "prune"], opts);
}

/** A signal while a worktree exists removes it, then exits 128+signal as a shell would report. */
function onSignal(signal: NodeJS.Signals): void {
  for (const c of live) removeSync(c);
  live.clear();
  process.exit(128 + osConstants.signals[signal]);
}

// Another handler may call process.exit first (output-file.ts does); `exit` still runs this.
function onExit(): void {
  for (const c of live) removeSync(c);
  live.clear();
}

function track(c: Live): void {
  if (live.size === 0) {
    for (const s of SIGNALS) process.on(s, onSignal);
    process.on("exit", onExit);
  }
  live.add(c);
}

function untrack(c: Live): void {
  live.delete(c);
  if (live.size === 0) {
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off("exit", onExit);
  }
}

async function removeCheckout(c: Live): Promise<void> {
  const opts = {
    cwd: c.repoDir,
    env: gitEnv(),
    maxOutputBytes: 64 * 1024,
    timeoutMs: 60_000,
    whenMissing: WHEN_MISSING,
  };
  await runProgram("git", [...GIT_SAFE, "worktree", "remove", "--force", "--", c.tree], opts);
  await rm(c.dir, { recursive: true, force: true });
  // If `remove` failed (the tree was already gone), this forgets the worktree's entry.
  await runProgram("git", [...GIT_SAFE, "worktree", "prune"], opts);
}

/**
 * Runs `fn` on `sha` checked out with `git worktree add --detach` under a fresh temporary directory
 * (in `tmpRoot`, default the system's), and removes the worktree afterwards: on success, on
 * failure, on abort, and on SIGINT/SIGTERM/SIGHUP (synchronously, then the process exits 128+signal).
 */
export async function withCheckout<T>(
  repoDir: string,
  sha: string,
  opts: { readonly tmpRoot?: string; readonly signal?: AbortSignal; readonly timeoutMs: number },
  fn: (checkout: Checkout) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(opts.tmpRoot ?? tmpdir(), "flake-audit-eval-"));
  const c: Live = { repoDir, dir, tree: path.join(dir, "tree"), stop: new AbortController() };
  track(c);
  const signal = opts.signal !== undefined ? AbortSignal.any([opts.signal, c.stop.signal]) : c.stop.signal;
  try {
    const r = await runProgram("git", [...GIT_SAFE, "worktree", "add", "--detach", "--quiet", "--", c.tree, sha], {
      cwd: repoDir,
      env: gitEnv(),
      maxOutputBytes: 1024 * 1024,
      timeoutMs: opts.timeoutMs,
      whenMissing: WHEN_MISSING,
      signal,
    });
    signal.throwIfAborted();
    if (r.kind !== "ok")
      throw new InputError([
        {
          origin: `git worktree add ${sha}`,
          pointer: "",
          message: `could not check out ${sha}: ${r.kind === "failed" ? stderrTail(r.stderr, 3) : r.kind}`,
          next: "check that the repository is writable and the temporary directory has space",
        },
      ]);
    const home = path.join(dir, "home");
    await mkdir(home);
    return await fn({ tree: c.tree, home, signal });
  } finally {
    await removeCheckout(c);
    untrack(c);
  }
}
