import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { scenarioLock, startFakeGithub, type Upstreams } from "../support/github/scenario.js";
import type { FakeGithub } from "../support/github/server.js";

// Trust: every kind of GitHub cache entry passes a schema on read; a bad one is a miss, never exit 70.
let gh: FakeGithub;
let commits: Upstreams;
let lockFile: string;

beforeAll(async () => {
  ({ gh, commits } = await startFakeGithub());
  lockFile = path.join(mkdtempSync(path.join(tmpdir(), "flake-audit-cache-lock-")), "flake.lock");
  writeFileSync(
    lockFile,
    scenarioLock(commits, () => "2024-01-01T00:00:00Z"),
  );
}, 60_000);
afterAll(async () => gh.stop());

const env = (cache: string) => ({
  FLAKE_AUDIT_GITHUB_API_URL: gh.url,
  XDG_CACHE_HOME: cache,
  FLAKE_AUDIT_RETRY_BASE_MS: "1",
});
const resolve = (cache: string, ...extra: string[]) =>
  runCli(["resolve", lockFile, "--format", "json", ...extra], { env: env(cache) });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

/** A warm cache, and the statuses the online run reported. */
async function warmCache(): Promise<{ cache: string; statuses: string }> {
  const cache = mkdtempSync(path.join(tmpdir(), "flake-audit-cache-"));
  const r = await resolve(cache);
  expect(r.code, r.stderr).toBe(0);
  return { cache, statuses: statusesOf(r.stdout) };
}
const statusesOf = (stdout: string): string =>
  JSON.stringify((JSON.parse(stdout) as { inputs: Array<{ input: string; status: string }> }).inputs);

const kindFiles = (cache: string, kind: string): string[] =>
  filesUnder(path.join(cache, "flake-audit", "v1", kind)).filter((f) => f.endsWith(".json"));

const BAD_ENTRIES: Array<[string, string]> = [
  ["null", "null"],
  ["a null value", '{"at": 1, "value": null}'],
  ["a wrong-typed field", '{"at": 1, "value": {"archived": "no"}}'],
  ["a string", '"not-found"'],
];

describe("cache entries that are not what flake-audit wrote", () => {
  for (const kind of ["repos", "commits", "reach"])
    for (const [label, text] of BAD_ENTRIES)
      it(`${kind}: ${label} is a gap offline and refetched online`, async () => {
        const { cache, statuses } = await warmCache();
        const files = kindFiles(cache, kind);
        expect(files.length).toBeGreaterThan(0);
        for (const f of files) writeFileSync(f, text);
        const offline = await resolve(cache, "--offline");
        expect(offline.code, offline.stderr).toBe(0);
        expect(offline.stderr).not.toContain("internal error");
        const before = gh.requests.length;
        const online = await resolve(cache);
        expect(online.code, online.stderr).toBe(0);
        expect(gh.requests.length).toBeGreaterThan(before);
        expect(statusesOf(online.stdout)).toBe(statuses);
      });

  it("repos: {at:1, value:{archived:'no'}} offline no longer exits 70", async () => {
    const { cache } = await warmCache();
    for (const f of kindFiles(cache, "repos")) writeFileSync(f, '{"at":1,"value":{"archived":"no"}}');
    const r = await resolve(cache, "--offline");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("not in the cache (offline)");
  });

  it("compare: a wrong-typed entry is refetched by diff", async () => {
    const cache = mkdtempSync(path.join(tmpdir(), "flake-audit-cache-"));
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-cmp-"));
    const oldLock = path.join(dir, "old.lock");
    const nextLock = scenarioLock(commits, () => "2024-01-01T00:00:00Z").replace(commits.lib.c5, commits.lib.c4);
    writeFileSync(oldLock, nextLock);
    const diff = () =>
      runCli(["diff", oldLock, lockFile, "--format", "json", "--now", "2024-12-01T00:00:00Z"], { env: env(cache) });
    const first = await diff();
    const files = kindFiles(cache, "compare");
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) writeFileSync(f, '{"status":"ahead","commits":[{"sha":1}]}');
    const second = await diff();
    expect(second.code, second.stderr).toBe(first.code);
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(files[0] ?? "", "utf8")).toContain('"aheadBy"');
  });
});

describe("cache files that are not regular files", () => {
  it("a FIFO in the cache directory is skipped, not read (the run does not hang)", async () => {
    const { cache } = await warmCache();
    const [fifo] = kindFiles(cache, "commits");
    rmSync(fifo ?? "");
    execFileSync("mkfifo", [fifo ?? ""]);
    // A watchdog writer, so that code which blocks on the FIFO fails this test instead of hanging it.
    const watchdog = spawn("sh", ["-c", `sleep 8; echo x > '${fifo}'`], { stdio: "ignore" });
    try {
      const started = Date.now();
      const r = await resolve(cache, "--offline");
      expect(r.code, r.stderr).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      watchdog.kill();
    }
  }, 30_000);

  it("a symlink to /dev/zero and an oversized file are skipped", async () => {
    const { cache } = await warmCache();
    const [zero, big] = kindFiles(cache, "commits");
    rmSync(zero ?? "");
    symlinkSync("/dev/zero", zero ?? "");
    writeFileSync(big ?? "", `{"at":1,"value":"${"x".repeat(5 * 1024 * 1024)}"}`);
    const started = Date.now();
    const r = await resolve(cache, "--offline");
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 30_000);
});
