import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { syntheticLock } from "../support/graph-locks.js";
import { lockFixture } from "../support/paths.js";

const NOW = ["--now", "2026-12-01"];

describe("flake-audit graph", () => {
  it("draws DOT by default from a lock on stdin, exit 0", async () => {
    const r = await runCli(["graph", "-", ...NOW], { stdin: syntheticLock() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^digraph inputs \{/);
    expect(r.stdout).toContain("[stale 400 d]");
  });

  it.each([
    ["mermaid", /^flowchart LR\n/],
    ["svg", /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/],
  ])("--format %s", async (format, start) => {
    const r = await runCli(["graph", "-", "--format", format, ...NOW], { stdin: syntheticLock() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(start);
  });

  it("takes its flags from the environment (FLAKE_AUDIT_FORMAT, FLAKE_AUDIT_DEPTH)", async () => {
    const r = await runCli(["graph", "-", ...NOW], {
      stdin: syntheticLock(),
      env: { FLAKE_AUDIT_FORMAT: "mermaid", FLAKE_AUDIT_DEPTH: "1" },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("+3 inputs");
  });

  it("refuses --depth with --all, and a depth below 1: exit 2", async () => {
    const both = await runCli(["graph", "-", "--depth", "2", "--all"], { stdin: syntheticLock() });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--depth and --all both given");
    const zero = await runCli(["graph", "-", "--depth", "0"], { stdin: syntheticLock() });
    expect(zero.code).toBe(2);
  });

  it("refuses a lock that is not one: exit 3", async () => {
    const r = await runCli(["graph", lockFixture("invalid", "dangling-node-ref.lock")]);
    expect(r.code).toBe(3);
  });

  it("documents its exit codes in its help", async () => {
    const r = await runCli(["graph", "--help"]);
    expect(r.stdout).toMatch(
      /Exit codes:\n {3}0 {2}ok\n {3}2 {2}usage error.*\n {3}3 {2}invalid input\n {2}70 {2}internal error/,
    );
  });
});
