import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

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
