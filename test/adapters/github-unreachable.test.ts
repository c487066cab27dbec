import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { HostileServer, refusingUrl } from "../support/github/hostile.js";
import { scenarioLock, startFakeGithub, type Upstreams } from "../support/github/scenario.js";
import type { FakeGithub } from "../support/github/server.js";

// Trust: with GitHub unreachable, diff fails fast, says so once with the way out, one gap per input.
let gh: FakeGithub;
let commits: Upstreams;
let oldLock: string;
let newLock: string;

beforeAll(async () => {
  ({ gh, commits } = await startFakeGithub());
  const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-unreachable-"));
  const text = scenarioLock(commits, () => "2024-01-01T00:00:00Z");
  newLock = path.join(dir, "new.lock");
  oldLock = path.join(dir, "old.lock");
  writeFileSync(newLock, text);
  writeFileSync(oldLock, text.replace(commits.lib.c5, commits.lib.c4).replace(commits.tool.t2, commits.tool.t1));
}, 60_000);
afterAll(async () => gh.stop());

// The default retry pause (1 s, growing): what a user without network gets.
const diff = (api: string) =>
  runCli(["diff", oldLock, newLock, "--now", "2024-12-01T00:00:00Z"], {
    env: { FLAKE_AUDIT_GITHUB_API_URL: api, XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), "fa-cache-")) },
  });

describe("GitHub unreachable", () => {
  for (const [label, api] of [
    ["name resolution fails", "http://github-api.invalid"],
    ["connection refused", ""],
    ["not a URL", "htp://bad url"],
    // fetch refuses ports on the fetch standard's bad-ports list before connecting (no network touched).
    ["a port fetch refuses (9, 'bad port')", "http://127.0.0.1:9"],
  ] as const)
    it(`${label}: diff fails at once, warns once with --offline/--lock-only, one gap line per input`, async () => {
      const started = Date.now();
      const r = await diff(api === "" ? await refusingUrl() : api);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr.match(/--offline/g)).toHaveLength(1);
      expect(r.stderr).toContain("--lock-only");
      const gapLines = r.stdout.split("\n").filter((l) => l.startsWith("could not learn"));
      expect(gapLines.filter((l) => l.includes("'lib'"))).toHaveLength(1);
      expect(gapLines.filter((l) => l.includes("'tool'"))).toHaveLength(1);
    }, 60_000);

  it("5xx keeps its bounded retries, then succeeds", async () => {
    gh.inject({ status: 502 }, 2);
    const before = gh.requests.length;
    const r = await runCli(["diff", oldLock, newLock, "--now", "2024-12-01T00:00:00Z"], {
      env: {
        FLAKE_AUDIT_GITHUB_API_URL: gh.url,
        FLAKE_AUDIT_RETRY_BASE_MS: "1",
        XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), "fa-cache-")),
      },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(gh.requests.length - before).toBeGreaterThan(2);
  });

  it("a reset connection is retried a bounded number of times", async () => {
    const server = await new HostileServer("reset").start();
    try {
      const r = await runCli(["diff", oldLock, newLock, "--now", "2024-12-01T00:00:00Z"], {
        env: {
          FLAKE_AUDIT_GITHUB_API_URL: server.url,
          FLAKE_AUDIT_RETRY_BASE_MS: "1",
          XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), "fa-cache-")),
        },
      });
      expect(r.code, r.stderr).toBe(4);
      // Two compares and one GraphQL query, each tried 1 + 3 times.
      expect(server.requests).toBeLessThanOrEqual(12);
      expect(server.requests).toBeGreaterThan(3);
    } finally {
      await server.stop();
    }
  });
});
