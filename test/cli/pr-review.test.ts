import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import type { FakeGithub } from "../support/github/server.js";
import { startLibUpdate, testGit } from "../support/lock-update-repo.js";

let gh: FakeGithub;
let repo: string;
let base: string;
let head: string;

beforeAll(async () => {
  ({ gh, repo: repo, base, head } = await startLibUpdate("flake-audit-pr-"));
}, 60_000);
afterAll(async () => gh.stop());

describe("pr-review (the GitHub Action's logic)", () => {
  it("writes the job summary and keeps exactly one sticky comment, updated in place", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-event-"));
    const event = path.join(dir, "event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { sha: base }, head: { sha: head } } }));
    const summary = path.join(dir, "summary.md");
    const env = {
      GITHUB_EVENT_PATH: event,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_REPOSITORY: "acme/lib",
      GITHUB_TOKEN: "ghs_actiontoken",
      FLAKE_AUDIT_GITHUB_API_URL: gh.url,
      XDG_CACHE_HOME: path.join(dir, "cache"),
      FLAKE_AUDIT_RETRY_BASE_MS: "1",
    };
    const first = await runCli(["pr-review", "--now", "2024-12-01T00:00:00Z"], { cwd: repo, env });
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(summary, "utf8")).toContain("| `lib` | Updated |");
    const listed = () =>
      JSON.parse(
        gh.requests.filter((r) => r.method === "POST" && r.url.includes("/issues/7/comments")).at(-1)?.body ?? "{}",
      ) as { body?: string };
    expect(listed().body).toContain("<!-- flake-audit:lock-diff -->");
    const second = await runCli(["pr-review", "--now", "2024-12-01T00:00:00Z"], { cwd: repo, env });
    expect(second.code, second.stderr).toBe(0);
    const posts = gh.requests.filter((r) => r.method === "POST" && r.url.includes("/issues/7/comments"));
    const patches = gh.requests.filter((r) => r.method === "PATCH" && r.url.includes("/issues/comments/"));
    expect(posts).toHaveLength(1);
    expect(patches).toHaveLength(1);
    expect(
      gh.requests.filter((r) => r.url.includes("/comments")).every((r) => r.authorization === "token ghs_actiontoken"),
    ).toBe(true);
  });

  it("covers every changed flake.lock, from any directory of the repository", async () => {
    const sub = path.join(repo, "sub");
    execFileSync("mkdir", ["-p", sub]);
    writeFileSync(path.join(sub, "flake.lock"), readFileSync(path.join(repo, "flake.lock"), "utf8"));
    testGit(repo, "add", "-A");
    testGit(repo, "commit", "-q", "-m", "nested lock");
    const newHead = testGit(repo, "rev-parse", "HEAD");
    const r = await runCli(
      ["pr-review", "--base", base, "--head", newHead, "--lock-only", "--no-comment", "--now", "2024-12-01T00:00:00Z"],
      { cwd: sub, env: { FLAKE_AUDIT_GITHUB_API_URL: gh.url } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("## `flake.lock`");
    expect(r.stdout).toContain("## `sub/flake.lock`");
  });

  it("action.yml runs this command (through the bundle test/action/run.test.ts runs)", () => {
    const action = readFileSync(path.join(__dirname, "..", "..", "action.yml"), "utf8");
    expect(action).toContain("main: action/dist/index.js");
    expect(readFileSync(path.join(__dirname, "..", "..", "src", "cli", "action.ts"), "utf8")).toContain('"pr-review"');
  });
});
