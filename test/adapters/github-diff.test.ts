import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { gh as ghNode, lockText, writePair } from "../support/diff-scenarios.js";
import { GitRepoBuilder } from "../support/github/git-repos.js";
import { startFakeGithub, type Upstreams } from "../support/github/scenario.js";
import type { FakeGithub } from "../support/github/server.js";

let gh: FakeGithub;
let c: Upstreams;
let big: { first: string; last: string };
const NOW = "2024-12-01T00:00:00Z";

beforeAll(async () => {
  ({ gh, commits: c } = await startFakeGithub());
  const repo = new GitRepoBuilder(mkdtempSync(path.join(tmpdir(), "flake-audit-big-")), "acme/big");
  const first = repo.commit("big: start");
  for (let i = 0; i < 300; i++) repo.git("commit", "-q", "--allow-empty", "-m", `big: step ${i} #${i} @someone`);
  big = { first, last: repo.git("rev-parse", "HEAD") };
  gh.world.add({ owner: "acme", name: "big", license: "MIT" }, repo.read());
}, 120_000);
afterAll(async () => gh.stop());

/** A node for a commit of the stand-in, by its real sha. */
const at = (owner: string, repo: string, rev: string, ref?: string) => {
  const n = ghNode(owner, repo, 1, ref !== undefined ? { ref } : {}) as { locked: Record<string, unknown> };
  const w = gh.world.find(owner, repo)!;
  n.locked["rev"] = rev;
  n.locked["lastModified"] = Date.parse(gh.world.commit(w, rev)!.committedDate) / 1000;
  return n;
};

function pair() {
  const old = {
    root: { inputs: { lib: "lib", down: "down", div: "div", fork: "fork", big: "big" } },
    lib: at("acme", "lib", c.lib.c3, "main"),
    down: at("acme", "lib", c.lib.c5, "main"),
    div: at("acme", "lib", c.lib.c5),
    fork: at("acme", "lib", c.lib.c4, "main"),
    big: at("acme", "big", big.first),
  };
  const neu = {
    root: old.root,
    lib: at("acme", "lib", c.lib.c5, "main"),
    down: at("acme", "lib", c.lib.c2, "main"),
    div: at("acme", "lib", c.lib.release),
    fork: at("acme", "lib", c.lib.forkOnly, "main"),
    big: at("acme", "big", big.last),
  };
  return writePair({ old: lockText(old), new: lockText(neu) });
}

const env = () => ({
  FLAKE_AUDIT_GITHUB_API_URL: gh.url,
  XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), "flake-audit-cache-")),
  FLAKE_AUDIT_RETRY_BASE_MS: "1",
});
type Report = {
  changes: Array<{
    input: string;
    upstream?: {
      status: string;
      aheadBy: number;
      behindBy: number;
      totalCommits: number;
      commits: Array<{ headline: string }>;
      compareUrl: string;
      newRevReachable?: { contained: boolean };
    };
  }>;
  findings: Array<{ rule: string; input: string }>;
};

describe("diff with upstream comparisons", () => {
  it("fast-forward, downgrade, diverged, fork commit, and a long history", async () => {
    const files = pair();
    const r = await runCli(["diff", files.old, files.new, "--format", "json", "--now", NOW], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    const up = (i: string) => report.changes.find((x) => x.input === i)?.upstream;
    expect(up("lib")).toMatchObject({ status: "ahead", aheadBy: 2, behindBy: 0, totalCommits: 2 });
    expect(up("lib")?.commits.map((m) => m.headline)).toEqual(["lib: fourth", "lib: fifth"]);
    expect(up("down")).toMatchObject({ status: "behind", behindBy: 3 });
    expect(up("div")?.status).toBe("diverged");
    expect(up("fork")?.newRevReachable?.contained).toBe(false);
    expect(up("big")?.totalCommits).toBe(300);
    expect(up("big")?.commits.length).toBe(300); // paginated past the endpoint's 250
    expect(report.findings.map((f) => `${f.rule}:${f.input}`).sort()).toEqual([
      "last-modified-backwards:down",
      "last-modified-backwards:fork",
      "rev-not-on-ref:div",
      "rev-not-on-ref:fork",
      "upstream-diverged:div",
      "upstream-downgrade:down",
    ]);
    expect(gh.invalidQueries).toEqual([]);
  });

  it.each([
    ["text", "txt"],
    ["markdown", "md"],
  ])("%s golden, hostile commit messages neutralised", async (format, ext) => {
    const files = pair();
    const r = await runCli(["diff", files.old, files.new, "--format", format, "--now", NOW], { env: env() });
    const out = r.stdout.replaceAll(path.dirname(files.old), "<tmp>");
    await expect(out).toMatchFileSnapshot(`../golden/diff/upstream.${ext}`);
    if (format === "markdown") {
      const outsideCode = out.replace(/(`+)[^`]*?(?:`(?!\1)[^`]*?)*\1/g, "");
      expect(outsideCode).not.toMatch(/<script|@everyone|@someone|#12\b/);
      expect(out.length).toBeLessThan(65_536);
    }
  });

  it("--fail-on high fails on the downgrade", async () => {
    const files = pair();
    expect((await runCli(["diff", files.old, files.new, "--fail-on", "high"], { env: env() })).code).toBe(1);
  });

  it("--lock-only asks nothing upstream and says so", async () => {
    const files = pair();
    const before = gh.requests.length;
    const r = await runCli(["diff", files.old, files.new, "--lock-only"], { env: env() });
    expect(gh.requests.length).toBe(before);
    expect(r.stdout).toContain("lock-only: no upstream facts");
  });
});
