import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gh as ghNode, lockText } from "./diff-scenarios.js";
import { startFakeGithub } from "./github/scenario.js";
import type { FakeGithub } from "./github/server.js";

/** git in `cwd` with a fixed identity and no user or system configuration. */
export const testGit = (cwd: string, ...args: string[]): string =>
  execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "a",
      GIT_AUTHOR_EMAIL: "a@x",
      GIT_COMMITTER_NAME: "a",
      GIT_COMMITTER_EMAIL: "a@x",
      GIT_CONFIG_GLOBAL: "/dev/null",
    },
  }).trim();

/** A fresh repository whose flake.lock is `before` at `base` and `after` at `head` (a pull request's update). */
export function lockUpdateRepo(
  prefix: string,
  before: string,
  after: string,
): { repo: string; base: string; head: string } {
  const repo = mkdtempSync(path.join(tmpdir(), prefix));
  testGit(repo, "init", "-q", "-b", "main");
  writeFileSync(path.join(repo, "flake.lock"), before);
  testGit(repo, "add", "-A");
  testGit(repo, "commit", "-q", "-m", "base");
  const base = testGit(repo, "rev-parse", "HEAD");
  writeFileSync(path.join(repo, "flake.lock"), after);
  testGit(repo, "commit", "-q", "-am", "update lib");
  return { repo, base, head: testGit(repo, "rev-parse", "HEAD") };
}

/**
 * The stand-in GitHub, and a repository whose flake.lock moves input `lib` (acme/lib) from the
 * scenario's commit c3 to c5: the pull request the pr-review and Action tests review.
 */
export async function startLibUpdate(
  prefix: string,
): Promise<{ gh: FakeGithub; repo: string; base: string; head: string }> {
  const { gh, commits } = await startFakeGithub();
  const lock = (rev: string) => {
    const n = ghNode("acme", "lib", 1, { ref: "main" }) as { locked: Record<string, unknown> };
    const committed = gh.world.commit(gh.world.find("acme", "lib")!, rev)!.committedDate;
    n.locked["rev"] = rev;
    n.locked["lastModified"] = Date.parse(committed) / 1000;
    return lockText({ root: { inputs: { lib: "lib" } }, lib: n });
  };
  return { gh, ...lockUpdateRepo(prefix, lock(commits.lib.c3), lock(commits.lib.c5)) };
}
