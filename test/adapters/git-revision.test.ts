import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gitRevisions } from "../../src/adapters/git-revision.js";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", ...args], { cwd, stdio: "pipe" });

function repository(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "fa-git-revision-"));
  writeFileSync(path.join(dir, "flake.lock"), "{}\n");
  git(dir, "init", "-q");
  git(dir, "add", "flake.lock");
  git(dir, "commit", "-qm", "lock");
  return dir;
}

describe("gitRevisions (the installed git)", () => {
  it("a tracked lock in a tagged commit: the tag", async () => {
    const dir = repository();
    git(dir, "tag", "v1.2.3");
    expect(await gitRevisions(dir).describe("flake.lock")).toBe("v1.2.3");
  });
  it("a tracked lock after the tag: git's describe (tag, distance, commit)", async () => {
    const dir = repository();
    git(dir, "tag", "v1.2.3");
    git(dir, "commit", "-q", "--allow-empty", "-m", "next");
    expect(await gitRevisions(dir).describe("flake.lock")).toMatch(/^v1\.2\.3-1-g[0-9a-f]{12}$/);
  });
  it("without tags: the commit id (12 hex digits)", async () => {
    expect(await gitRevisions(repository()).describe("flake.lock")).toMatch(/^[0-9a-f]{12}$/);
  });
  it("an untracked file in a repository is not described (its version is not the repository's)", async () => {
    const dir = repository();
    mkdirSync(path.join(dir, "out"));
    writeFileSync(path.join(dir, "out", "other.lock"), "{}\n");
    expect(await gitRevisions(dir).describe("out/other.lock")).toBeUndefined();
  });
  it("a missing file, a directory, and a file outside any repository are not described", async () => {
    const dir = repository();
    const outside = mkdtempSync(path.join(tmpdir(), "fa-no-repo-"));
    writeFileSync(path.join(outside, "flake.lock"), "{}\n");
    const revisions = gitRevisions(dir);
    expect(await revisions.describe("missing.lock")).toBeUndefined();
    expect(await revisions.describe(".")).toBeUndefined();
    expect(await revisions.describe(path.join(outside, "flake.lock"))).toBeUndefined();
  });
});
