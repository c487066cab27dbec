import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { gh, lockText } from "../support/diff-scenarios.js";
import { lockUpdateRepo } from "../support/lock-update-repo.js";

const repo = lockUpdateRepo(
  "fa-installable-cli-",
  lockText({ root: { inputs: { nixpkgs: "nixpkgs" } }, nixpkgs: gh("NixOS", "nixpkgs", 10) }),
  lockText({ root: { inputs: { nixpkgs: "nixpkgs" } }, nixpkgs: gh("NixOS", "nixpkgs", 11) }),
);
// No nix on this PATH: whatever evaluator cli/wire.ts offers, it has none to run.
const NO_NIX = { PATH: "/nonexistent-flake-audit-test" };

describe("diff / pr-review --installable (flags)", () => {
  it.each([
    ["diff", ["diff", "--git", repo.base, repo.head, "--lock-only", "--installable", ".#web"]],
    [
      "pr-review",
      ["pr-review", "--base", repo.base, "--head", repo.head, "--lock-only", "--no-comment", "--installable", ".#web"],
    ],
  ])("%s without nix is exit 3 with a message saying nix is needed", async (_c, argv) => {
    const r = await runCli(argv, { cwd: repo.repo, env: NO_NIX });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/nix is needed to evaluate installables/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.each([
    [
      "lock files instead of commits",
      ["diff", "a.lock", "b.lock", "--installable", ".#web"],
      /--installable evaluates commits/,
    ],
    ["--meta-old alone", ["diff", "--git", "HEAD~1", "--installable", ".#web", "--meta-old", "m.json"], /go together/],
    ["--jobs 0", ["diff", "--git", "HEAD~1", "--installable", ".#web", "--jobs", "0"], /--jobs must be/],
    ["an installable that reads as an option", ["diff", "--git", "HEAD~1", "--installable=--impure"], /flake output/],
    // Refused as usage before nix is looked for (without nix this was exit 3, "nix is needed").
    [
      "an installable naming another flake",
      ["diff", "--git", "HEAD~1", "--installable", "github:evil/flake#pkg"],
      /flake output .*an installable is written `\.#ATTRIBUTE\.PATH`/,
    ],
    [
      "meta without installables",
      ["diff", "--git", "HEAD~1", "--meta-old", "a", "--meta-new", "b"],
      /need --installable/,
    ],
  ])("%s is a usage error (exit 2)", async (_what, argv, message) => {
    const r = await runCli(argv, { cwd: repo.repo, env: NO_NIX });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("without --installable nothing changes: the lock diff runs as before", async () => {
    const r = await runCli(["diff", "--git", repo.base, repo.head, "--lock-only"], { cwd: repo.repo, env: NO_NIX });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain("Impact");
  });

  it("--help names the options", async () => {
    const r = await runCli(["diff", "--help"]);
    for (const flag of ["--installable", "--jobs", "--meta-old", "--meta-new", "--timeout"])
      expect(r.stdout).toContain(flag);
  });
});
