import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { gh, lockText } from "../support/diff-scenarios.js";
import { refusingUrl } from "../support/github/hostile.js";
import { lockUpdateRepo } from "../support/lock-update-repo.js";

// resolve, diff and pr-review with GitHub unreachable (a refused port on 127.0.0.1): the one cause is
// one gap line with its count, as check says it (test/cli/check-unreachable.test.ts), not a line per input.
const REPOS = ["a", "b", "c", "d", "e", "f"];
const lock = (n: number): string =>
  lockText({
    root: { inputs: Object.fromEntries(REPOS.map((r) => [r, r])) },
    ...Object.fromEntries(REPOS.map((r, i) => [r, gh("acme", r, i + n)])),
  });
const dir = mkdtempSync(path.join(tmpdir(), "fa-gaps-unreachable-"));
writeFileSync(path.join(dir, "old.lock"), lock(1));
writeFileSync(path.join(dir, "flake.lock"), lock(11));

const env = async () => ({
  FLAKE_AUDIT_GITHUB_API_URL: await refusingUrl(),
  XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), "fa-g-")),
});
// Text wraps prose at 80 columns with a hanging indent: a wrapped gap is read as the one line it was.
const gapLines = (out: string, prefix: string): string[] =>
  out
    .replace(/\n {2,}/g, " ")
    .split("\n")
    .filter((l) => l.startsWith(prefix));
const ONE_CAUSE =
  /could not learn: 6 inputs \('a', 'b', 'c' and 3 more\): could not reach GitHub at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/;

describe("without GitHub, one gap line per cause", () => {
  it("resolve (text and JSON)", async () => {
    const e = await env();
    const text = await runCli(["resolve", "--format", "text"], { cwd: dir, env: e });
    const lines = gapLines(text.stdout, "could not learn");
    expect(lines, text.stdout + text.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(ONE_CAUSE);
    const json = JSON.parse((await runCli(["resolve", "--format", "json"], { cwd: dir, env: e })).stdout) as {
      gaps: Array<{ input?: string; reason: string }>;
      inputs: Array<{ status: string }>;
    };
    expect(json.gaps).toHaveLength(1);
    // Each input still says it failed: only the repeated gap is folded.
    expect(json.inputs.filter((i) => i.status === "failed")).toHaveLength(6);
  });

  it("diff (text, Markdown and JSON)", async () => {
    const e = await env();
    const args = ["diff", "old.lock", "flake.lock", "--now", "2024-07-01"];
    const text = await runCli([...args, "--format", "text"], { cwd: dir, env: e });
    const lines = gapLines(text.stdout, "could not learn");
    expect(lines, text.stdout + text.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(ONE_CAUSE);
    const md = await runCli([...args, "--format", "markdown"], { cwd: dir, env: e });
    expect(gapLines(md.stdout, "- could not learn")).toHaveLength(1);
    const json = JSON.parse((await runCli([...args, "--format", "json"], { cwd: dir, env: e })).stdout) as {
      gaps: unknown[];
      changes: Array<{ upstreamError?: unknown }>;
    };
    expect(json.gaps).toHaveLength(1);
    expect(json.changes.filter((c) => c.upstreamError !== undefined)).toHaveLength(6);
  });

  it("pr-review --no-comment", async () => {
    const { repo, base, head } = lockUpdateRepo("fa-gaps-pr-", lock(1), lock(11));
    const r = await runCli(["pr-review", "--base", base, "--head", head, "--no-comment", "--now", "2024-07-01"], {
      cwd: repo,
      env: await env(),
    });
    const lines = gapLines(r.stdout, "- could not learn");
    expect(lines, r.stdout + r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/6 inputs/);
  });
});
