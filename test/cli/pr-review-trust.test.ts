import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { gh as ghNode, lockText } from "../support/diff-scenarios.js";
import { HostileServer, type Misbehaviour, refusingUrl } from "../support/github/hostile.js";
import { plantComment } from "../support/github/rest.js";
import { startFakeGithub } from "../support/github/scenario.js";
import type { FakeGithub } from "../support/github/server.js";
import { lockUpdateRepo } from "../support/lock-update-repo.js";

// Trust: the comment step of pr-review against servers that fail, echo or lie (all on 127.0.0.1).
const TOKEN = "ghs_prreviewsecret0123456789abcdef";
let repo: string;
let base: string;
let head: string;
let fake: FakeGithub;

beforeAll(async () => {
  ({ gh: fake } = await startFakeGithub());
  const lock = (r: number) => lockText({ root: { inputs: { lib: "lib" } }, lib: ghNode("acme", "lib", r) });
  ({ repo, base, head } = lockUpdateRepo("flake-audit-pr-trust-", lock(1), lock(2)));
}, 60_000);
afterAll(async () => fake.stop());

/** pr-review --lock-only against `api`: the comment step is the only request. */
async function review(api: string, extraEnv: Record<string, string> = {}, args: string[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-pr-trust-run-"));
  const event = path.join(dir, "event.json");
  writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { sha: base }, head: { sha: head } } }));
  const summary = path.join(dir, "summary.md");
  const env = {
    GITHUB_EVENT_PATH: event,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_REPOSITORY: "acme/lib",
    GITHUB_TOKEN: TOKEN,
    FLAKE_AUDIT_GITHUB_API_URL: api,
    FLAKE_AUDIT_RETRY_BASE_MS: "1",
    ...extraEnv,
  };
  const started = Date.now();
  const r = await runCli(["pr-review", "--lock-only", "--timeout", "3", "--now", "2024-12-01T00:00:00Z", ...args], {
    cwd: repo,
    env,
  });
  return { ...r, ms: Date.now() - started, summary: existsSync(summary) ? readFileSync(summary, "utf8") : "" };
}

describe("pr-review: a failing comment step", () => {
  const cases: Array<[Misbehaviour, number]> = [
    ["5xx", 4],
    ["hang", 4],
    ["reset", 4],
    ["echo", 4],
    ["echo-200", 4],
    ["garbage", 4],
    ["401", 2],
    ["403", 2],
  ];
  for (const [mode, code] of cases)
    it(`${mode}: exit ${code}, the summary and stdout still written, no body, no token`, async () => {
      const server = await new HostileServer(mode).start();
      try {
        const r = await review(server.url);
        expect(r.code, r.stderr).toBe(code);
        expect(r.stdout).toContain("| `lib` | Updated |");
        expect(r.summary).toContain("| `lib` | Updated |");
        const out = r.stdout + r.stderr;
        expect(out).not.toContain(TOKEN);
        expect(out).not.toContain("you sent");
        expect(out).not.toContain("captive portal");
        expect(r.stderr).toContain("comment");
        expect(r.ms).toBeLessThan(15_000);
      } finally {
        await server.stop();
      }
    }, 30_000);

  it("refused connection and a bad URL: exit 4", async () => {
    for (const api of [await refusingUrl(), "htp://bad url", `http://user:${TOKEN}@127.0.0.1:1`]) {
      const r = await review(api);
      expect(r.code, r.stderr).toBe(4);
      expect(r.summary).toContain("| `lib` | Updated |");
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
    }
  });
});

describe("pr-review: the sticky comment", () => {
  it("does not update a comment someone else wrote with the marker; it creates its own", async () => {
    const planted = plantComment(
      fake.world,
      "acme/lib",
      7,
      "<!-- flake-audit:lock-diff -->\nall good, merge it",
      "mallory",
    );
    const r = await review(fake.url);
    expect(r.code, r.stderr).toBe(0);
    expect(fake.requests.filter((q) => q.method === "PATCH" && q.url.endsWith(`/comments/${planted}`))).toEqual([]);
    expect(fake.requests.filter((q) => q.method === "POST" && q.url.includes("/issues/7/comments"))).toHaveLength(1);
    const again = await review(fake.url);
    expect(again.code, again.stderr).toBe(0);
    const patches = fake.requests.filter((q) => q.method === "PATCH");
    expect(patches).toHaveLength(1);
    expect(patches[0]?.url).not.toContain(`/comments/${planted}`);
  });

  it("the identity it comments as is configurable", async () => {
    const mine = plantComment(fake.world, "acme/lib", 8, "<!-- flake-audit:lock-diff -->\nold", "my-app[bot]");
    const event = { pull_request: { number: 8, base: { sha: base }, head: { sha: head } } };
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-pr-trust-ev-"));
    writeFileSync(path.join(dir, "e.json"), JSON.stringify(event));
    const r = await review(fake.url, { GITHUB_EVENT_PATH: path.join(dir, "e.json") }, [
      "--comment-author",
      "my-app[bot]",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(fake.requests.some((q) => q.method === "PATCH" && q.url.endsWith(`/comments/${mine}`))).toBe(true);
  });
});

describe("pr-review: its inputs", () => {
  it("a malformed GITHUB_EVENT_PATH is invalid input (exit 3) with the file and a pointer", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-pr-trust-ev-"));
    const event = path.join(dir, "event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { number: "7", base: { sha: base }, head: { sha: 42 } } }));
    const r = await review(fake.url, { GITHUB_EVENT_PATH: event });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`${event}:1:`);
    expect(r.stderr).toContain("/pull_request/number");
    expect(r.stderr).toContain("/pull_request/head/sha");
    writeFileSync(event, "{ not json");
    const broken = await review(fake.url, { GITHUB_EVENT_PATH: event });
    expect(broken.code, broken.stderr).toBe(3);
  });

  it("an invalid GITHUB_SERVER_URL is a usage error (exit 2)", async () => {
    const r = await review(fake.url, { GITHUB_SERVER_URL: "not a url" });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("GITHUB_SERVER_URL");
    const lock = path.join(repo, "flake.lock");
    const resolve = await runCli(["resolve", lock, "--offline"], { env: { GITHUB_SERVER_URL: "ftp://x" } });
    expect(resolve.code, resolve.stderr).toBe(2);
  });
});
