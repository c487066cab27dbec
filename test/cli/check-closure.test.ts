import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { CheckReportSchema } from "../../src/render/check/report.schema.js";
import { runCli } from "../support/cli.js";
import { FIXTURES, REPO } from "../support/paths.js";
import { hasMultitool, multitoolValidate } from "../support/sarif-multitool.js";

// check over a closure without a lock, from the recorded package world (fixtures/packages): no nix.
const file = (name: string): string => path.join(FIXTURES, "packages", name);
const closure = file("world.closure.json");
const derivations = file("world.derivations.json");
const meta = file("world.meta.json");
const dir = mkdtempSync(path.join(tmpdir(), "fa-checkclosure-"));
const policy = path.join(dir, "policy.json");
const allowed = ["GPL-3.0-or-later", "Apache-2.0", "MIT", "Unlicense", "Zlib", "WTFPL"];
writeFileSync(policy, JSON.stringify({ version: 1, allowedLicenses: allowed }));
const closureArgs = ["--closure", closure, "--derivations", derivations, "--meta", meta, "--policy", policy];
const check = (extra: string[], cwd = dir) =>
  runCli(["check", ...closureArgs, "--now", "2026-01-01", "--fail-on", "none", ...extra], { cwd });

/** The world's output paths by package name, from the recorded meta. */
const metaJson = JSON.parse(readFileSync(meta, "utf8")) as Record<string, { outputs: Record<string, string> }>;
const out = (attr: string): string => Object.values(metaJson[attr]!.outputs)[0]!;
const sha256 = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");

interface Report {
  lockFile?: unknown;
  closureFile?: { path: string; sha256: string };
  upstream?: string;
  findings: Array<{ rule: string; input: string; details: { package?: { name: string; storePath: string } } }>;
  gaps: Array<{ reason: string }>;
}

// Golden files: the recorded files copied into a directory of their own, named relatively, so
// the reports name the same paths on every machine.
const goldenDir = mkdtempSync(path.join(tmpdir(), "fa-checkclosure-golden-"));
for (const f of ["world.closure.json", "world.derivations.json", "world.meta.json"])
  copyFileSync(file(f), path.join(goldenDir, f));
copyFileSync(policy, path.join(goldenDir, "policy.json"));

describe("check over a closure alone (golden files)", () => {
  it.each([
    ["text", "txt"],
    ["markdown", "md"],
    ["json", "json"],
    ["sarif", "sarif"],
  ])("%s", async (format, ext) => {
    const args = ["--closure", "world.closure.json", "--derivations", "world.derivations.json"];
    const r = await runCli(
      ["check", ...args, "--meta", "world.meta.json", "--policy", "policy.json", "--now", "2026-01-01"].concat([
        "--fail-on",
        "none",
        "--format",
        format,
      ]),
      { cwd: goldenDir },
    );
    expect(r.code, r.stderr).toBe(4);
    await expect(r.stdout).toMatchFileSnapshot(`../golden/check/closure.${ext}`);
  });
});

describe("check with a closure and no lock", () => {
  it("checks the packages alone; the JSON names the closure file it read and no lock", async () => {
    const r = await check(["--format", "json"]);
    expect(r.code, r.stderr).toBe(4);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.lockFile).toBeUndefined();
    expect(report.upstream).toBeUndefined();
    expect(report.closureFile).toEqual({ path: closure, sha256: sha256(closure) });
    const found = report.findings.map((f) => [f.rule, f.input, f.details.package?.name, f.details.package?.storePath]);
    expect(found.sort()).toEqual(
      [
        ["license-not-allowed", out("localapp"), "localapp", out("localapp")],
        ["license-not-allowed", out("tool"), "tool", out("tool")],
        ["missing-license", out("mystery"), "mystery", out("mystery")],
      ].sort(),
    );
    expect(report.gaps.map((g) => g.reason).join("\n")).toContain("1 package have no entry in --meta");
    const schema = JSON.parse(
      readFileSync(path.join(REPO, "schemas", "check-report.v1.schema.json"), "utf8"),
    ) as object;
    expect(new Ajv2020.default({ strict: false }).compile(schema)(report)).toBe(true);
    expect(CheckReportSchema.parse(report)).toEqual(report);
  });

  it("gates like a lock check: high findings fail it (1), else the meta gap makes it incomplete (4)", async () => {
    const r = await runCli(["check", ...closureArgs, "--now", "2026-01-01", "--format", "json"], { cwd: dir });
    const report = JSON.parse(r.stdout) as { findings: Array<{ severity: string }> };
    expect(report.findings.some((f) => f.severity === "high")).toBe(true);
    expect(r.code).toBe(1);
    expect((await check(["--format", "json"])).code).toBe(4);
  });

  it("text names each package and its store path, grouped by rule, with no lock path and no upstream", async () => {
    const r = await check(["--format", "text"]);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toMatch(/^HIGH license-not-allowed \(2 findings\)$/m);
    // Each package is its own entry, under its rule (not "through ''", as if a store path were an input path).
    const text = r.stdout.replace(/\n {3,}/g, " "); // prose wrapped at 80 columns, joined back
    expect(text).toContain(`\n  '${out("tool")}': tool 0.4.2 is licensed Unfree (unfree), which is not allowed`);
    expect(text).toContain(`\n  '${out("mystery")}': mystery 0.1 declares no licence in nixpkgs meta`);
    expect(r.stdout).not.toContain("through");
    expect(r.stdout).toMatch(/ missing-license \(1 finding\)$/m);
    expect(r.stdout).not.toContain("flake.lock");
    expect(r.stdout).not.toContain("upstream:");
    expect(r.stdout).toMatch(
      /^3 findings \(2 high, 0 medium, 1 low, 0 info\); policy:\s+\S*policy\.json, incomplete:$/m,
    );
  });

  it("Markdown is titled for the closure and lists the packages", async () => {
    const r = await check(["--format", "markdown"]);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout.split("\n")[0]).toBe("### closure policy check");
    expect(r.stdout).toContain(`- \`${out("mystery")}\`: `);
    expect(r.stdout).not.toContain("upstream facts");
  });

  it("SARIF results carry no location, named by the closure file's category", async () => {
    const r = await check(["--format", "sarif"]);
    expect(r.code, r.stderr).toBe(4);
    const sarif = JSON.parse(r.stdout) as {
      runs: Array<{
        automationDetails: { id: string };
        originalUriBaseIds?: unknown;
        results: Array<{ ruleId: string; locations?: unknown; message: { text: string } }>;
      }>;
    };
    const run = sarif.runs[0]!;
    expect(run.automationDetails.id).toBe("flake-audit/check/world.closure.json/");
    expect(run.originalUriBaseIds).toBeUndefined();
    expect(run.results.map((x) => x.ruleId).sort()).toEqual([
      "license-not-allowed",
      "license-not-allowed",
      "missing-license",
    ]);
    for (const x of run.results) expect(x.locations).toBeUndefined();
    expect(run.results.find((x) => x.ruleId === "missing-license")?.message.text).toContain(out("mystery"));
  });

  it.runIf(hasMultitool)(
    "the location-less SARIF passes the SARIF rules; GitHub's ingestion rules ask for a location and nothing else",
    async () => {
      const sarifFile = path.join(dir, "closure.sarif");
      await check(["--format", "sarif", "--output", sarifFile]);
      const sarifOnly = await multitoolValidate([sarifFile], "Sarif");
      expect(sarifOnly.problems).toEqual([]);
      expect(sarifOnly.code).toBe(0);
      // GitHub code scanning needs a file to show an alert at; a closure alone has none (README says so).
      const gh = await multitoolValidate([sarifFile]);
      expect([...new Set(gh.problems.map((p) => p.split(":")[0]))].sort()).toEqual([
        "error GH1015",
        "error GH1017",
        "error GH2012",
      ]);
    },
    300_000,
  );

  it("a ./flake.lock next to a closure is read, as sbom reads it; the report names both files", async () => {
    const withLock = mkdtempSync(path.join(tmpdir(), "fa-checkclosure-lock-"));
    writeFileSync(
      path.join(withLock, "flake.lock"),
      `${JSON.stringify({ nodes: { root: {} }, root: "root", version: 7 }, null, 2)}\n`,
    );
    copyFileSync(policy, path.join(withLock, "policy.json"));
    // --lock-only: gaps do not make the run incomplete (exit 4), as with any lock.
    const r = await check(["--format", "json", "--lock-only"], withLock);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.lockFile).toMatchObject({ path: "flake.lock" });
    expect(report.closureFile?.path).toBe(closure);
    expect(report.upstream).toBe("lock-only");
    expect(report.findings).toHaveLength(3);
  });

  it("neither a lock nor a closure: a usage error (exit 2) that says what to give", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "fa-checkclosure-empty-"));
    const r = await runCli(["check", "--lock-only"], { cwd: empty });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nothing to check: there is no flake.lock here");
    expect(r.stderr).toContain("--closure FILE or --closure-of INSTALLABLE");
    expect(r.stdout).toBe("");
  });

  it("a lock named explicitly that does not exist is still an unreadable input (exit 3)", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "fa-checkclosure-missing-"));
    const r = await runCli(["check", "nope.lock", "--lock-only"], { cwd: empty });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("nope.lock");
  });
});
