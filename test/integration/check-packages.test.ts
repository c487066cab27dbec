import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { hasNix, nixVersion, reportNixSkip } from "../support/nix.js";
import { buildPackageWorld, type PackageWorld } from "../support/package-world.js";

reportNixSkip("check packages");

interface Finding {
  rule: string;
  input: string;
  message: string;
  details: { package?: { name: string; storePath: string } };
}

describe.runIf(hasNix)(`check applies licence rules to a closure's packages (${nixVersion ?? "absent"})`, () => {
  let world: PackageWorld;
  let lock: string;
  let policy: string;
  const out = (attr: string): string => world.meta[attr]!.outputs[world.meta[attr]!.outputName]!;
  const check = (extra: string[]) => {
    const { closure, derivations, meta } = world.files;
    return runCli(
      ["check", lock, "--lock-only", "--now", "2026-01-01", "--closure", closure, "--derivations", derivations]
        .concat(["--meta", meta, "--policy", policy])
        .concat(extra),
      { env: world.env, cwd: world.dir },
    );
  };
  beforeAll(() => {
    world = buildPackageWorld(mkdtempSync(path.join(tmpdir(), "flake-audit-checkpkg-")));
    lock = path.join(world.dir, "flake.lock");
    writeFileSync(lock, `${JSON.stringify({ nodes: { root: {} }, root: "root", version: 7 }, null, 2)}\n`);
    policy = path.join(world.dir, "policy.json");
    const allowed = ["GPL-3.0-or-later", "Apache-2.0", "MIT", "Unlicense", "Zlib", "WTFPL"];
    writeFileSync(policy, JSON.stringify({ version: 1, allowedLicenses: allowed }));
  }, 300_000);

  it("finds the unfree and the unlisted id-less licence, and the package that declares none", async () => {
    const r = await check(["--format", "json"]);
    const report = JSON.parse(r.stdout) as { findings: Finding[]; gaps: Array<{ reason: string }> };
    const found = report.findings
      .filter((f) => f.details.package !== undefined)
      .map((f) => [f.rule, f.input, f.details.package?.name])
      .sort();
    expect(found).toEqual(
      [
        ["license-not-allowed", out("localapp"), "localapp"],
        ["license-not-allowed", out("tool"), "tool"],
        ["missing-license", out("mystery"), "mystery"],
      ].sort(),
    );
    expect(report.findings.find((f) => f.input === out("tool"))?.message).toBe(
      "tool 0.4.2 is licensed Unfree (unfree), which is not allowed (allowed: GPL-3.0-or-later, Apache-2.0, MIT, Unlicense, Zlib, WTFPL)",
    );
    // The system path has no meta: its licence is unknown, a gap rather than a finding.
    expect(report.gaps.map((g) => g.reason).join("\n")).toContain("1 package have no entry in --meta");
  });

  it("SARIF points package findings at the lock, without a region", async () => {
    const r = await check(["--format", "sarif"]);
    const sarif = JSON.parse(r.stdout) as {
      runs: Array<{
        results: Array<{ ruleId: string; locations: Array<{ physicalLocation: Record<string, unknown> }> }>;
      }>;
    };
    const results = sarif.runs[0]!.results.filter((x) => x.ruleId === "missing-license");
    expect(results).toHaveLength(1);
    const loc = results[0]!.locations[0]!.physicalLocation;
    expect(loc["artifactLocation"]).toBeDefined();
    expect(loc["region"]).toBeUndefined();
  });

  it("--closure-of without a lock: nix answers for the closure and its derivations; no file is named", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "flake-audit-checkpkg-nolock-"));
    const r = await runCli(
      ["check", "--closure-of", world.system, "--meta", world.files.meta, "--policy", policy].concat([
        "--now",
        "2026-01-01",
        "--fail-on",
        "none",
        "--format",
        "json",
      ]),
      { env: world.env, cwd: empty },
    );
    // The system path has no meta entry: a gap, so the run is incomplete (exit 4).
    expect(r.code, r.stderr).toBe(4);
    const report = JSON.parse(r.stdout) as { findings: Finding[]; lockFile?: unknown; closureFile?: unknown };
    expect(report.lockFile).toBeUndefined();
    expect(report.closureFile).toBeUndefined();
    expect(report.findings.map((f) => [f.rule, f.input]).sort()).toEqual(
      [
        ["license-not-allowed", out("localapp")],
        ["license-not-allowed", out("tool")],
        ["missing-license", out("mystery")],
      ].sort(),
    );
  });

  it("an unfree licence is not allowed even without an allowed list, unless listed", async () => {
    writeFileSync(policy, JSON.stringify({ version: 1 }));
    const r = await check(["--format", "json"]);
    const report = JSON.parse(r.stdout) as { findings: Finding[] };
    expect(report.findings.filter((f) => f.rule === "license-not-allowed").map((f) => f.input)).toEqual([out("tool")]);
    writeFileSync(policy, JSON.stringify({ version: 1, allowedLicenses: ["Unfree"] }));
    const listed = JSON.parse((await check(["--format", "json"])).stdout) as { findings: Finding[] };
    expect(listed.findings.some((f) => f.input === out("tool"))).toBe(false);
  });
});
