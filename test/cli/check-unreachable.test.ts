import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unreachableHint } from "../../src/cli/github-wiring.js";
import { runCli } from "../support/cli.js";
import { gh, lockText } from "../support/diff-scenarios.js";
import { refusingUrl } from "../support/github/hostile.js";

// check with GitHub unreachable (a refused port on 127.0.0.1): one line per cause with its count, a
// summary that says upstream facts are incomplete, and a hint naming what works for check.
const REPOS = ["a", "b", "c", "d", "e", "f"];
const dir = mkdtempSync(path.join(tmpdir(), "fa-check-unreachable-"));
writeFileSync(
  path.join(dir, "flake.lock"),
  lockText({
    root: { inputs: Object.fromEntries(REPOS.map((r) => [r, r])) },
    ...Object.fromEntries(REPOS.map((r, i) => [r, gh("acme", r, i + 1)])),
  }),
);

const check = async (format: string) =>
  runCli(["check", "--now", "2024-07-01", "--fail-on", "none", "--format", format], {
    cwd: dir,
    env: { FLAKE_AUDIT_GITHUB_API_URL: await refusingUrl(), XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), "fa-c-")) },
  });

describe("check without GitHub", () => {
  it("text: one gap line for the one cause, with the count, under a summary that says incomplete", async () => {
    const r = await check("text");
    expect(r.code, r.stderr).toBe(4);
    // Text wraps prose at 80 columns with a hanging indent: read each wrapped line as the one it was.
    const stdout = r.stdout.replace(/\n {2,}/g, " ");
    const gaps = stdout.split("\n").filter((l) => l.startsWith("could not learn"));
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatch(
      /^could not learn: 6 inputs \('a', 'b', 'c' and 3 more\): could not reach GitHub at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/,
    );
    expect(stdout).toMatch(/upstream: online, incomplete:\ncould not learn/);
    expect(r.stderr.match(/^warning: could not reach GitHub/gm)).toHaveLength(1);
    expect(r.stderr).toContain("use --offline (answers from the cache) or --lock-only (no upstream facts)");
    expect(r.stderr).not.toContain("for diff and pr-review");
  });

  it("json: the same one gap", async () => {
    const r = await check("json");
    const report = JSON.parse(r.stdout) as { gaps: Array<{ input?: string; reason: string }> };
    expect(report.gaps).toHaveLength(1);
    expect(report.gaps[0]?.reason).toMatch(/^6 inputs \('a', 'b', 'c' and 3 more\): could not reach GitHub/);
  });
});

describe("the unreachable hint names what works for the command at hand", () => {
  const base = {
    offline: false,
    cache: true,
    cacheTtl: 0,
    githubHost: [],
    rateLimitWait: 0,
    quiet: false,
    timeout: 1,
  };
  it.each([
    ["check, diff, pr-review", { lockOnly: false }, "use --offline (answers from the cache) or --lock-only"],
    ["pr-review --lock-only (only the comment asks GitHub)", { lockOnly: true }, "--no-comment skips it"],
    ["sbom --resolve", { resolve: true }, "use --offline (answers from the cache), or leave out --resolve"],
    ["resolve", {}, "To run without GitHub, use --offline (answers from the cache)"],
  ])("%s", (_label, flags, words) => {
    const hint = unreachableHint({ ...base, ...flags });
    expect(hint).toContain(words);
    if (!("lockOnly" in flags)) expect(hint).not.toContain("--lock-only");
    if ("lockOnly" in flags && flags.lockOnly) expect(hint).not.toMatch(/--lock-only|--offline/);
  });
});
