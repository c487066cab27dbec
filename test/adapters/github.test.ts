import { mkdtempSync, readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { validate } from "@octokit/graphql-schema";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { provenanceQuery } from "../../src/adapters/github/queries.js";
import { runCli } from "../support/cli.js";
import { scenarioLock, startFakeGithub, type Upstreams } from "../support/github/scenario.js";
import type { FakeGithub } from "../support/github/server.js";

let gh: FakeGithub;
let commits: Upstreams;
let lockFile: string;
const TOKEN = "ghp_testtoken0000000000000000000000000000";

beforeAll(async () => {
  ({ gh, commits } = await startFakeGithub());
  const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-resolve-"));
  lockFile = path.join(dir, "flake.lock");
  const committed = (oid: string): string => {
    for (const r of ["acme/lib", "mallory/lib", "new-org/tool", "acme/legacy", "acme/nolicense"]) {
      const c = gh.world.commit(gh.world.find(...(r.split("/") as [string, string]))!, oid);
      if (c !== undefined) return c.committedDate;
    }
    return "2024-01-01T00:00:00Z";
  };
  writeFileSync(lockFile, scenarioLock(commits, committed));
}, 60_000);
afterAll(async () => gh.stop());
afterEach(() => gh.clearInjections());

const env = (cache: string, extra: Record<string, string> = {}) => ({
  FLAKE_AUDIT_GITHUB_API_URL: gh.url,
  XDG_CACHE_HOME: cache,
  FLAKE_AUDIT_RETRY_BASE_MS: "1",
  ...extra,
});
const freshCache = (): string => mkdtempSync(path.join(tmpdir(), "flake-audit-cache-"));
type Report = {
  inputs: Array<{
    input: string;
    status: string;
    reason?: string;
    upstream?: {
      repository: string;
      renamedFrom?: string;
      license: string | null;
      archived: boolean;
      fork: boolean;
      commit?: { signature: { state: string; reason?: string }; messageHeadline: string };
      reachable?: { contained: boolean; status: string; ref: string };
    };
  }>;
  findings: Array<{ rule: string; input: string; severity: string }>;
  requests: number;
  gaps: Array<{ reason: string }>;
};
const resolve = async (extraArgs: string[], e: Record<string, string>) => {
  const r = await runCli(["resolve", lockFile, "--format", "json", ...extraArgs], { env: e });
  return { ...r, report: r.stdout === "" ? undefined : (JSON.parse(r.stdout) as Report) };
};

describe("queries", () => {
  it("every query shape we send validates against GitHub's published schema", () => {
    const q = provenanceQuery([
      {
        alias: "r0",
        owner: "NixOS",
        name: "nixpkgs",
        facts: true,
        commits: [["c0", "a".repeat(40)]],
        heads: [["h0", "nixos-unstable"]],
        compares: [
          ["x0", "main", "b".repeat(40)],
          ["x1", undefined, "c".repeat(40)],
        ],
      },
    ]);
    expect(validate(q)).toEqual([]);
  });
});

describe("resolve against the stand-in GitHub", () => {
  it("tells every behaviour apart, with findings", async () => {
    const { code, report, stderr } = await resolve([], env(freshCache()));
    expect(code, stderr).toBe(0);
    const by = new Map(report!.inputs.map((e) => [e.input, e]));
    expect(by.get("lib")?.status).toBe("resolved");
    expect(by.get("lib")?.upstream?.commit?.signature).toEqual({ state: "verified" });
    expect(by.get("lib")?.upstream?.reachable).toMatchObject({ contained: true, ref: "main" });
    expect(by.get("libTag")?.upstream?.reachable).toMatchObject({ contained: true, status: "identical", ref: "v1.0" });
    expect(by.get("libRelease")?.upstream?.reachable).toMatchObject({ contained: false, status: "diverged" });
    expect(by.get("forkCommit")?.status).toBe("resolved");
    expect(by.get("forkCommit")?.upstream?.reachable?.contained).toBe(false);
    expect(by.get("forcePushed")?.upstream?.reachable?.contained).toBe(false);
    expect(by.get("tool")?.upstream).toMatchObject({
      repository: "new-org/tool",
      renamedFrom: "old-org/tool",
      license: "Apache-2.0",
    });
    expect(by.get("legacy")?.upstream?.archived).toBe(true);
    expect(by.get("nolicense")?.upstream?.license).toBeNull();
    expect(by.get("gone")?.status).toBe("not-found");
    expect(by.get("missingRev")?.status).toBe("not-found");
    expect(by.get("viaGit")?.upstream?.commit?.signature).toEqual({ state: "unverified", reason: "UNKNOWN_KEY" });
    expect(by.get("onGitlab")?.status).toBe("unsupported");
    expect(by.get("enterprise")?.status).toBe("unsupported");
    const rules = report!.findings.map((f) => `${f.rule}:${f.input}`).sort();
    expect(rules).toEqual([
      "last-modified-mismatch:tampered",
      "missing-license:nolicense",
      "repo-archived:legacy",
      "repo-renamed:tool",
      "rev-not-found:gone",
      "rev-not-found:missingRev",
      "rev-not-on-ref:forcePushed",
      "rev-not-on-ref:forkCommit",
      "rev-not-on-ref:libRelease",
    ]);
    expect(gh.invalidQueries).toEqual([]);
  });

  it("--fail-on gates on the findings, as check and diff do (the default, none, reports only)", async () => {
    expect((await resolve(["--fail-on", "high"], env(freshCache()))).code).toBe(1);
    expect((await resolve(["--fail-on", "none"], env(freshCache()))).code).toBe(0);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

describe("cache", () => {
  it("answers commit facts from the cache when warm, and nothing at all offline", async () => {
    const cache = freshCache();
    const cold = await resolve([], env(cache));
    expect(cold.report!.requests).toBeGreaterThan(0);
    const before = gh.requests.length;
    const warm = await resolve([], env(cache));
    const warmQueries = gh.requests.slice(before).map((r) => r.body ?? "");
    expect(warmQueries.join("\n")).not.toContain("object(oid");
    expect(warm.report!.inputs.map((e) => e.status)).toEqual(cold.report!.inputs.map((e) => e.status));
    const before2 = gh.requests.length;
    const offline = await resolve(["--offline"], env(cache));
    expect(gh.requests.length).toBe(before2);
    expect(offline.code).toBe(0);
    expect(offline.report!.requests).toBe(0);
    expect(offline.report!.inputs.find((e) => e.input === "lib")?.status).toBe("resolved");
  });

  it("--no-cache neither reads nor writes the cache", async () => {
    const cache = freshCache();
    const r = await resolve(["--no-cache"], env(cache));
    expect(r.code).toBe(0);
    expect(readdirSync(cache)).toEqual([]);
  });

  it("says what it could not answer offline with an empty cache, and still exits 0", async () => {
    const r = await resolve(["--offline"], env(freshCache()));
    expect(r.code).toBe(0);
    expect(r.report!.inputs.find((e) => e.input === "lib")).toMatchObject({
      status: "failed",
      reason: "not in the cache (offline)",
    });
    expect(r.report!.gaps.length).toBeGreaterThan(0);
  });

  it("ignores and rewrites corrupt cache entries", async () => {
    const cache = freshCache();
    await resolve([], env(cache));
    const files = filesUnder(cache);
    for (const f of files) writeFileSync(f, "{ not json");
    const again = await resolve([], env(cache));
    expect(again.report!.inputs.find((e) => e.input === "lib")?.status).toBe("resolved");
    expect(() => JSON.parse(readFileSync(files[0]!, "utf8"))).not.toThrow();
  });

  it("refetches a cached commit whose fields are not what flake-audit wrote", async () => {
    const cache = freshCache();
    await resolve([], env(cache));
    let edited = 0;
    for (const f of filesUnder(cache)) {
      const text = readFileSync(f, "utf8");
      if (!text.includes("committedDate")) continue;
      writeFileSync(f, text.replace(/"committedDate":\s*"[^"]*"/g, '"committedDate": "yesterday\\u001b[2J"'));
      edited++;
    }
    expect(edited).toBeGreaterThan(0);
    const again = await resolve([], env(cache));
    expect(again.code, again.stderr).not.toBe(70);
    const lib = again.report!.inputs.find((e) => e.input === "lib");
    expect(lib?.status).toBe("resolved");
    expect(JSON.stringify(again.report)).not.toContain("yesterday");
  });
});

describe("failures", () => {
  it("401: one clear error naming GITHUB_TOKEN, exit 2, the token nowhere", async () => {
    gh.requiredToken = "the-right-token";
    try {
      const cache = freshCache();
      const r = await resolve([], env(cache, { GITHUB_TOKEN: TOKEN }));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("GITHUB_TOKEN");
      expect(r.stderr).not.toContain(TOKEN);
      expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
      for (const f of filesUnder(cache).filter((f) => statSync(f).isFile()))
        expect(readFileSync(f, "utf8")).not.toContain(TOKEN);
    } finally {
      gh.requiredToken = undefined;
    }
  });

  it("sends the token to the configured API only", async () => {
    const before = gh.requests.length;
    const r = await resolve([], env(freshCache(), { GITHUB_TOKEN: TOKEN }));
    expect(r.code).toBe(0);
    expect(gh.requests.slice(before).every((q) => q.authorization === `token ${TOKEN}`)).toBe(true);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it("retries 5xx and dropped connections, then succeeds", async () => {
    gh.inject({ status: 502 }, 2);
    gh.inject({ reset: true }, 1);
    const r = await resolve([], env(freshCache()));
    expect(r.code).toBe(0);
    expect(r.report!.inputs.find((e) => e.input === "lib")?.status).toBe("resolved");
  });

  it("waits for a rate limit that resets soon, saying so on stderr", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    gh.inject(
      {
        status: 403,
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
        body: { message: "API rate limit exceeded" },
      },
      1,
    );
    const r = await resolve([], env(freshCache()));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/rate limit reached; waiting \d+ s/);
  });

  it("marks inputs unresolved and exits 4 when the rate limit resets far away", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3000);
    gh.inject(
      {
        status: 429,
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset, "retry-after": "3000" },
        body: { message: "rate limited" },
      },
      10,
    );
    const r = await resolve([], env(freshCache()));
    expect(r.code).toBe(4);
    expect(r.report!.inputs.find((e) => e.input === "lib")?.status).toBe("failed");
    expect(r.report!.gaps.map((g) => g.reason).join("\n")).toMatch(/rate-limited/);
  });

  it("GraphQL RATE_LIMITED errors are rate limits too", async () => {
    gh.inject(
      { status: 200, body: { data: null, errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }] } },
      3,
    );
    const r = await resolve(["--rate-limit-wait", "0"], env(freshCache()));
    expect(r.code).toBe(4);
    expect(r.report!.inputs.find((e) => e.input === "lib")?.reason).toMatch(/rate limit/);
  });

  it("no network at all: a clear message and a partial report, exit 4", async () => {
    const r = await runCli(["resolve", lockFile, "--format", "json"], {
      env: { ...env(freshCache()), FLAKE_AUDIT_GITHUB_API_URL: "http://127.0.0.1:9" },
    });
    expect(r.code).toBe(4);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.inputs.find((e) => e.input === "lib")?.reason).toMatch(/could not reach GitHub/);
    expect(report.inputs.find((e) => e.input === "onGitlab")?.status).toBe("unsupported");
  });

  it("never hangs: --timeout bounds a server that does not answer", async () => {
    gh.latencyMs = 5000;
    try {
      const started = Date.now();
      const r = await resolve(["--timeout", "1"], env(freshCache()));
      expect(Date.now() - started).toBeLessThan(4000);
      expect(r.code).toBe(4);
      expect(r.report!.inputs.find((e) => e.input === "lib")?.reason).toMatch(/timed out/);
    } finally {
      gh.latencyMs = 0;
    }
  });
});

describe("progress", () => {
  it("shows on a terminal when resolving takes more than a moment, and never with --quiet or off a terminal", async () => {
    gh.latencyMs = 1200;
    try {
      const tty = await runCli(["resolve", lockFile, "--format", "json"], { env: env(freshCache()), isTTY: true });
      expect(tty.stderr).toMatch(/resolving upstream facts: \d+\/\d+ queries/);
      const quiet = await runCli(["resolve", lockFile, "--format", "json", "--quiet"], {
        env: env(freshCache()),
        isTTY: true,
      });
      expect(quiet.stderr).toBe("");
      const pipe = await runCli(["resolve", lockFile, "--format", "json"], { env: env(freshCache()), isTTY: false });
      expect(pipe.stderr).toBe("");
    } finally {
      gh.latencyMs = 0;
    }
  }, 30_000);
});

describe("resolve renderers (golden files over the scenario)", () => {
  it.each(["text", "markdown", "json"])("%s", async (format) => {
    const r = await runCli(["resolve", "-", "--format", format], {
      env: env(freshCache()),
      stdin: readFileSync(lockFile, "utf8"),
    });
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(
      `../golden/resolve/scenario.${format === "markdown" ? "md" : format === "text" ? "txt" : "json"}`,
    );
    if (format === "markdown") {
      const outsideCode = r.stdout.replace(/(`+)[^`]*?(?:`(?!\1)[^`]*?)*\1/g, "");
      expect(outsideCode).not.toMatch(/<script|@everyone/);
    }
  });
});

describe("sbom --resolve", () => {
  it("carries licenses, commit pedigree and upstream properties, and validates", async () => {
    const { validateBom } = await import("../support/sbom.js");
    const r = await runCli(["sbom", lockFile, "--resolve", "--reproducible"], { env: env(freshCache()) });
    expect(r.code, r.stderr).toBe(0);
    type C = {
      "bom-ref": string;
      licenses?: Array<{ license: { id: string } }>;
      pedigree?: { commits: Array<{ uid: string; author?: { name: string } }> };
      externalReferences?: Array<{ type: string; url: string }>;
      properties: Array<{ name: string; value: string }>;
    };
    const bom = JSON.parse(r.stdout) as { components: C[] };
    const lib = bom.components.find((c) => c["bom-ref"] === "input:lib")!;
    expect(lib.licenses).toEqual([{ license: { id: "MIT" } }]);
    expect(lib.pedigree?.commits[0]?.uid).toBe(commits.lib.c5);
    expect(lib.properties.find((p) => p.name === "flake-audit:upstream_signature")?.value).toBe("verified");
    const tool = bom.components.find((c) => c["bom-ref"] === "input:tool")!;
    expect(tool.externalReferences?.find((e) => e.type === "vcs")?.url).toBe("https://github.com/new-org/tool");
    for (const spec of ["1.4", "1.5", "1.6", "1.7"] as const) {
      const json = await runCli(["sbom", lockFile, "--resolve", "--reproducible", "--spec", spec, "--offline"], {
        env: env(freshCache()),
      });
      expect(await validateBom(json.stdout, spec, "json"), spec).toBeNull();
    }
    const warmCache = freshCache();
    await runCli(["sbom", lockFile, "--resolve"], { env: env(warmCache) });
    const xml = await runCli(["sbom", lockFile, "--resolve", "--reproducible", "--format", "xml", "--offline"], {
      env: env(warmCache),
    });
    expect(await validateBom(xml.stdout, "1.6", "xml")).toBeNull();
    expect(xml.stdout).toContain("<id>MIT</id>");
  });
});

describe("check with upstream rules", () => {
  it("maps provenance findings, unsigned commits and license policy to check findings", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-upcheck-"));
    const policy = path.join(dir, "policy.json");
    writeFileSync(
      policy,
      JSON.stringify({
        rules: { "unsigned-commit": { enabled: true }, stale: { enabled: false } },
        allowedLicenses: ["MIT"],
      }),
    );
    const r = await runCli(
      ["check", lockFile, "--policy", policy, "--format", "json", "--fail-on", "none", "--now", "2024-02-01"],
      { env: env(freshCache()) },
    );
    // Inputs whose licence nothing answered (no licence on GitHub, not on GitHub, not in the store)
    // are gaps of allowedLicenses, and online that is an incomplete run: exit 4, not a silent pass.
    expect(r.code, r.stderr).toBe(4);
    const gaps = (JSON.parse(r.stdout) as { gaps: Array<{ reason: string }> }).gaps.map((g) => g.reason);
    expect(gaps.some((g) => g.includes("licence unknown, allowedLicenses not checked"))).toBe(true);
    const rules = new Set(
      (JSON.parse(r.stdout) as { findings: Array<{ rule: string; input: string }> }).findings.map(
        (f) => `${f.rule}:${f.input}`,
      ),
    );
    for (const want of [
      "rev-not-on-ref:forkCommit",
      "repo-archived:legacy",
      "repo-renamed:tool",
      "rev-not-found:gone",
      "missing-license:nolicense",
      "last-modified-mismatch:tampered",
      "unsigned-commit:libTag",
      "unsigned-commit:viaGit",
      "license-not-allowed:tool",
    ]) {
      expect(rules.has(want), want).toBe(true);
    }
    expect(rules.has("unsigned-commit:lib")).toBe(false);
  });
});
