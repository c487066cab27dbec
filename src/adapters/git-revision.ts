import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import { InputError } from "../app/errors.js";
import type { Revisions } from "../app/ports.js";
import { runProgram } from "./subprocess.js";

// A describe is a tag name or a commit id with a suffix: refnames have no spaces or controls.
const DESCRIBE = /^[\x21-\x7e]{1,256}$/;

/**
 * `git describe` of the repository holding a file, asked of the installed git in the file's own
 * directory. The arguments are fixed and the only path given (the file's own name, after `--`) is
 * the user's: nothing read from a file reaches the command line. No `--dirty`: refreshing the index
 * can run filters and fsmonitor hooks that a repository's configuration names, so the answer is the
 * commit checked out. Without git, outside a repository, or for an untracked file: undefined.
 */
export function gitRevisions(cwd: string, timeoutMs = 10_000): Revisions {
  return {
    async describe(file) {
      // Synchronous up to the spawns: a run that asks early (cli/commands/sbom-revisions.ts) has
      // git's processes started before it goes on loading its own code.
      const real = regularFile(path.resolve(cwd, file));
      if (real === undefined) return undefined;
      const untracked = new AbortController();
      const git = (args: string[], signal?: AbortSignal) =>
        runProgram("git", ["-c", "core.fsmonitor=false", ...args], {
          cwd: path.dirname(real),
          timeoutMs,
          maxOutputBytes: 64 * 1024,
          whenMissing: "install git, or give the flake's version with --flake-version",
          ...(signal !== undefined ? { signal } : {}),
        });
      try {
        // Both at once (a small run's start-up is most of its time); the answer counts only for a
        // tracked file, and an untracked one stops describe (which can walk the whole history).
        const tracked = git(["ls-files", "--error-unmatch", "--", path.basename(real)]).then((r) => {
          if (r.kind !== "ok") untracked.abort();
          return r;
        });
        const [isTracked, described] = await Promise.all([
          tracked,
          git(["describe", "--tags", "--always", "--abbrev=12"], untracked.signal),
        ]);
        if (isTracked.kind !== "ok") return undefined;
        const text = described.kind === "ok" ? described.stdout.trim() : "";
        return DESCRIBE.test(text) ? text : undefined;
      } catch (e) {
        if (e instanceof InputError) return undefined; // git is not installed: the lock's dates answer instead
        if (e instanceof Error && "code" in e) return undefined; // git could not be started (EACCES …)
        throw e;
      }
    },
  };
}

/** The real path of a regular file; undefined when it is gone, unreadable or not a file (no repository to ask). */
function regularFile(p: string): string | undefined {
  try {
    const real = realpathSync(p);
    return statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}
