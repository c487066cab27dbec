import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import Ajv from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { CheckReportSchema } from "../../src/render/check/report.schema.js";
import { BAD_POLICY_YAML, CHECK_POLICY_YAML, checkLock } from "../support/check-scenarios.js";
import { runCli } from "../support/cli.js";
import { CORPUS, hasCorpus, REPO } from "../support/paths.js";

const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-check-"));
const lock = path.join(dir, "flake.lock");
const policy = path.join(dir, "policy.yaml");
writeFileSync(lock, checkLock());
writeFileSync(policy, CHECK_POLICY_YAML);
const NOW = "2026-11-25";
const run = (extra: string[], opts = {}) =>
  runCli(["check", "flake.lock", "--policy", "policy.yaml", "--lock-only", "--now", NOW, ...extra], {
    cwd: dir,
    ...opts,
  });

describe("check over the scenario lock (golden files)", () => {
  it.each([
    ["text", "txt"],
    ["markdown", "md"],
    ["json", "json"],
    ["sarif", "sarif"],
  ])("%s", async (format, ext) => {
    const r = await run(["--format", format, "--fail-on", "none"]);
    expect(r.code, r.stderr).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`../golden/check/scenario.${ext}`);
  });

  it("finds every lock-level rule, honours overrides, and reports the expired allowance", async () => {
    const r = await run(["--format", "json", "--fail-on", "none"]);
    const report = JSON.parse(r.stdout) as {
      findings: Array<{ rule: string; input: string; location?: { line: number } }>;
      suppressed: Array<{ rule: string; input: string }>;
    };
    const got = report.findings.map((f) => `${f.rule}:${f.input}`).sort();
    expect(got).toEqual([
      "allowlist-expired:expired",
      "duplicate-sources:nixpkgs",
      "indirect-original:registry",
      "insecure-transport:plain",
      "non-upstream-nixpkgs:fork",
      "registry-copy:storecopy",
      "stale:app/nixpkgs",
      "stale:expired",
      "stale:old",
      "stale:tool",
      "unlocked:data",
      "unlocked:data",
      "unlocked:local",
      "unlocked:unpinned",
      "unsupported-branch:old",
    ]);
    expect(report.suppressed.map((f) => `${f.rule}:${f.input}`)).toEqual(["stale:accepted"]);
    expect(report.findings.every((f) => f.location !== undefined && f.location.line > 1)).toBe(true);
  });

  it("places findings in the input tree: every path to a source, the root input, the follows that fixes it", async () => {
    const report = JSON.parse((await run(["--format", "json", "--fail-on", "none"])).stdout) as {
      findings: Array<{ rule: string; input: string; paths: string[]; via?: string; follows?: unknown }>;
    };
    const find = (rule: string, input: string) => report.findings.find((f) => f.rule === rule && f.input === input);
    // One source reached through two input paths is one finding that lists both.
    expect(report.findings.filter((f) => f.rule === "stale" && f.paths.includes("app/tool"))).toHaveLength(1);
    expect(find("stale", "tool")).toMatchObject({ paths: ["tool", "app/tool"] });
    expect(find("stale", "tool")?.via).toBeUndefined();
    // The root's own nixpkgs is fresh, so following it fixes the transitive one.
    expect(find("stale", "app/nixpkgs")).toMatchObject({
      via: "app",
      follows: { path: ["app", "nixpkgs"], target: "nixpkgs" },
    });
    // A registry-resolved store copy is not a mutable local path.
    expect(find("unlocked", "storecopy")).toBeUndefined();
    expect(find("registry-copy", "storecopy")).toMatchObject({
      severity: "medium",
      details: { path: "/nix/store/gxw5rlp29swdpgz26vhaqzy21b9pxrim-source", id: "home-manager" },
    });
    expect(find("indirect-original", "registry")).toMatchObject({ severity: "medium", details: { id: "nixpkgs" } });
  });

  it("JSON matches its committed schema", async () => {
    const json = JSON.parse((await run(["--format", "json", "--fail-on", "none"])).stdout) as unknown;
    const schema = JSON.parse(
      readFileSync(path.join(REPO, "schemas", "check-report.v1.schema.json"), "utf8"),
    ) as object;
    expect(new Ajv2020.default({ strict: false }).compile(schema)(json)).toBe(true);
    expect(CheckReportSchema.parse(json)).toEqual(json);
  });

  it("SARIF validates against the SARIF 2.1.0 schema, with stable fingerprints and lock positions", async () => {
    const require = createRequire(import.meta.url);
    // The SARIF schema is draft-04; it uses nothing that draft-07 reads differently, so Ajv checks it as such.
    const {
      $schema: _draft,
      id,
      ...rest
    } = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as Record<string, unknown>;
    const schema = { ...rest, $id: id } as object;
    const ajv = new Ajv.default({ strict: false, allErrors: true, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const a = JSON.parse((await run(["--format", "sarif", "--fail-on", "none"])).stdout) as {
      runs: Array<{
        results: Array<{
          partialFingerprints: Record<string, string>;
          locations: Array<{ physicalLocation: { region?: { startLine: number } } }>;
        }>;
        tool: { driver: { rules: Array<{ id: string; help: { text: string } }> } };
      }>;
    };
    expect(validate(a), JSON.stringify(validate.errors)).toBe(true);
    const b = JSON.parse((await run(["--format", "sarif", "--fail-on", "none"])).stdout) as typeof a;
    expect(b.runs[0]!.results.map((r) => r.partialFingerprints)).toEqual(
      a.runs[0]!.results.map((r) => r.partialFingerprints),
    );
    expect(a.runs[0]!.tool.driver.rules.every((r) => r.help.text.includes("What to do"))).toBe(true);
    expect(a.runs[0]!.results.every((r) => (r.locations[0]?.physicalLocation.region?.startLine ?? 0) > 1)).toBe(true);
  });
});

describe("--fail-on (default high) and --now", () => {
  it("fails by default on the high findings", async () => {
    expect((await run([])).code).toBe(1);
  });
  it("none never fails", async () => {
    expect((await run(["--fail-on", "none"])).code).toBe(0);
  });
  it("nothing reads the real clock: --now decides staleness", async () => {
    const early = JSON.parse(
      (
        await runCli(
          [
            "check",
            "flake.lock",
            "--policy",
            "policy.yaml",
            "--lock-only",
            "--format",
            "json",
            "--fail-on",
            "none",
            "--now",
            "2026-01-02",
          ],
          { cwd: dir },
        )
      ).stdout,
    ) as { findings: Array<{ rule: string; input: string }> };
    expect(early.findings.some((f) => f.rule === "stale" && f.input === "tool")).toBe(false);
  });
  it("a --now that is not a date is a usage error (exit 2), named with the value it got", async () => {
    const r = await runCli(["check", "flake.lock", "--lock-only", "--now", "next\u001b[31mtuesday"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--now must be an ISO 8601 date or time, found 'nexttuesday'"); // the whole escape sequence goes
    expect(r.stderr).not.toContain("\u001b");
  });
});

describe("policies with errors: every error at once, with its place in the file", () => {
  it("YAML", async () => {
    writeFileSync(path.join(dir, "bad.yaml"), BAD_POLICY_YAML);
    const r = await runCli(["check", "flake.lock", "--policy", "bad.yaml", "--lock-only"], { cwd: dir });
    expect(r.code).toBe(3);
    await expect(r.stderr).toMatchFileSnapshot("../golden/issues/policy-bad-yaml.txt");
    expect(r.stderr.match(/^bad\.yaml:\d+:\d+/gm)?.length).toBeGreaterThanOrEqual(5);
  });
  it("JSON", async () => {
    writeFileSync(
      path.join(dir, "bad.json"),
      JSON.stringify({ maxAgeDays: "soon", allow: [{ rule: "stale" }] }, null, 2),
    );
    const r = await runCli(["check", "flake.lock", "--policy", "bad.json", "--lock-only"], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("/maxAgeDays");
    expect(r.stderr).toContain("/allow/0/input");
  });
  it("broken YAML syntax", async () => {
    writeFileSync(path.join(dir, "broken.yaml"), "allow:\n  - rule: [stale\n");
    const r = await runCli(["check", "flake.lock", "--policy", "broken.yaml", "--lock-only"], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: invalid YAML/);
  });
});

describe.skipIf(!hasCorpus)("the corpus checks without a crash", () => {
  const locks = hasCorpus ? readdirSync(path.join(CORPUS, "locks")).sort() : [];
  it("every lock: exit 0, 1 or 3, never 70", async () => {
    for (const f of locks) {
      const r = await runCli([
        "check",
        path.join(CORPUS, "locks", f),
        "--lock-only",
        "--now",
        NOW,
        "--format",
        "sarif",
      ]);
      expect([0, 1, 3], `${f}: ${r.stderr}`).toContain(r.code);
    }
  });
});
