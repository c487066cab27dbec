import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { nodeFiles } from "../../src/adapters/fs.js";
import { diffUseCase, type DiffRequest } from "../../src/app/diff.js";
import { InputError } from "../../src/app/errors.js";
import { failsOn } from "../../src/cli/commands/fail-on.js";
import type { DiffReport } from "../../src/domain/diff/report.js";
import { renderDiffMarkdown } from "../../src/render/diff/markdown.js";
import { DiffReportSchema } from "../../src/render/diff/report.schema.js";
import { renderDiffText } from "../../src/render/diff/text.js";
import { renderJson } from "../../src/render/json.js";
import { gh, lockText } from "../support/diff-scenarios.js";
import { gfmProblems } from "../support/gfm.js";
import { buildImpactWorld, type ImpactWorld } from "../support/impact-world.js";
import { lockUpdateRepo } from "../support/lock-update-repo.js";
import { hasNix, reportNixSkip } from "../support/nix.js";
import { REPO } from "../support/paths.js";
import { RecordedEvaluator } from "../support/recorded-evaluator.js";

reportNixSkip("app/impact (derivation JSON of a package set the real nix instantiated at two revisions)");

const TOOL = { name: "flake-audit", version: "0.0.0" };
const NOW = new Date("2024-12-01T00:00:00Z");
const NO_UPSTREAM = {
  provenance: () => {
    throw new Error("lock-only: no upstream");
  },
  compare: () => {
    throw new Error("lock-only: no upstream");
  },
};
const noNix = () => {
  throw new Error("no nix store is read");
};

/** A repository whose lock moves nixpkgs from rev 10 to rev 11: the pull request under review. */
const repo = lockUpdateRepo(
  "fa-impact-",
  lockText({
    root: { inputs: { nixpkgs: "nixpkgs" } },
    nixpkgs: gh("NixOS", "nixpkgs", 10, { ref: "nixos-unstable" }),
  }),
  lockText({
    root: { inputs: { nixpkgs: "nixpkgs" } },
    nixpkgs: gh("NixOS", "nixpkgs", 11, { ref: "nixos-unstable" }),
  }),
);

const request = (impact: Partial<NonNullable<DiffRequest["impact"]>> = {}): DiffRequest => ({
  old: { git: { rev: repo.base, path: "flake.lock" } },
  new: { git: { rev: repo.head, path: "flake.lock" } },
  lockOnly: true,
  offline: false,
  enterpriseHosts: [],
  tool: TOOL,
  now: NOW,
  impact: {
    installables: [".#web", ".#tools", ".#broken"],
    repoDir: repo.repo,
    flakeDir: "",
    old: "base",
    new: "head",
    jobs: 2,
    timeoutMs: 120_000,
    ...impact,
  },
});

describe.skipIf(!hasNix)("diff with installables (app → renderers)", () => {
  let world: ImpactWorld;
  let evaluator: RecordedEvaluator;
  let report: DiffReport;
  const files = nodeFiles(async () => "", repo.repo);
  const answers = (w: ImpactWorld) => (rev: string) => {
    const side = rev === "base" ? w.old : w.new;
    const of = (a: string) => ({ roots: [side.roots[a] ?? ""], json: side.derivations[a] ?? "" });
    return {
      ".#web": of("web"),
      ".#tools": of("tools"),
      ...(rev === "head"
        ? { ".#broken": { error: "error: undefined variable 'pkgs'\n       at /nix/store/…-source/flake.nix:7:5" } }
        : { ".#broken": of("tools") }),
    };
  };

  beforeAll(async () => {
    world = buildImpactWorld();
    evaluator = new RecordedEvaluator(answers(world), 50);
    const policy = path.join(world.dir, "policy.yaml");
    writeFileSync(policy, "allowedLicenses: [MIT, Apache-2.0]\nrequiredPackages: [oldtool, 'open*']\n");
    report = await diffUseCase(
      request({ meta: { old: world.files.metaOld, new: world.files.metaNew }, policy }),
      files,
      noNix,
      NO_UPSTREAM,
      () => evaluator,
    );
  }, 120_000);

  it("evaluates base and head through the port, at once with --jobs 2, with --timeout", () => {
    expect(evaluator.requests.map((r) => r.rev).sort()).toEqual(["base", "head"]);
    expect(evaluator.maxRunning).toBe(2);
    for (const r of evaluator.requests)
      expect(r).toMatchObject({
        repoDir: repo.repo,
        flakeDir: "",
        timeoutMs: 120_000,
        installables: [".#web", ".#tools", ".#broken"],
      });
  });

  it("--jobs 1 evaluates one side after the other", async () => {
    const one = new RecordedEvaluator(answers(world), 30);
    await diffUseCase(request({ jobs: 1, installables: [".#tools"] }), files, noNix, NO_UPSTREAM, () => one);
    expect(one.maxRunning).toBe(1);
    expect(one.requests).toHaveLength(2);
  });

  it("keeps the lock change beside the impact, and an installable that failed as a gap with nix's error", () => {
    expect(report.changes.map((c) => c.input)).toEqual(["nixpkgs"]);
    const broken = report.impact?.installables.find((i) => i.installable === ".#broken");
    expect(broken).toMatchObject({ status: "failed", side: "new" });
    expect(report.gaps.some((g) => g.input === ".#broken" && g.reason.includes("undefined variable 'pkgs'"))).toBe(
      true,
    );
    expect(report.impact?.licenceGap).toBeUndefined();
  });

  it("finds what a gate fails on: a downgrade, a licence that became not allowed, a required package removed", () => {
    expect(report.findings.map((f) => [f.rule, f.input, f.severity, f.message])).toEqual([
      [
        "license-not-allowed",
        ".#web",
        "high",
        "libfoo 2.0 is licensed Business Source License 1.1 (unfree), which is not allowed (allowed: MIT, Apache-2.0)",
      ],
      ["package-removed", ".#web", "high", "oldtool 0.9 is no longer built, and the policy requires it ('oldtool')"],
      ["package-downgraded", ".#tools", "medium", "jq goes back from 1.7.1 to 1.6"],
      ["package-downgraded", ".#web", "medium", "jq goes back from 1.7.1 to 1.6"],
    ]);
    expect(failsOn(report.findings, "high")).toBe(true);
  });

  it("without a policy, only the downgrade and an unfree licence are findings", async () => {
    const r = await diffUseCase(
      request({ installables: [".#web"], meta: { old: world.files.metaOld, new: world.files.metaNew } }),
      files,
      noNix,
      NO_UPSTREAM,
      () => evaluator,
    );
    expect(r.findings.map((f) => f.rule).sort()).toEqual(["license-not-allowed", "package-downgraded"]);
  });

  it("without meta files, licence changes are a gap naming --meta-old and --meta-new, not 'none'", async () => {
    const r = await diffUseCase(request({ installables: [".#tools"] }), files, noNix, NO_UPSTREAM, () => evaluator);
    expect(r.impact?.licenceGap?.options).toEqual(["--meta-old", "--meta-new"]);
    expect(r.impact?.installables[0]).not.toHaveProperty("licences");
    expect(r.gaps).toEqual([]); // leaving data out is a choice: the run is complete
  });

  it("--installable without an evaluator is an input error (exit 3) saying nix is needed", async () => {
    const run = diffUseCase(request(), files, noNix, NO_UPSTREAM, () => undefined);
    await expect(run).rejects.toBeInstanceOf(InputError);
    await expect(run).rejects.toThrow(/nix is needed/);
  });

  it.each([
    ["text", "txt", (r: DiffReport) => renderDiffText(r, { color: false, width: 100 })],
    ["markdown", "md", (r: DiffReport) => renderDiffMarkdown(r)],
    ["json", "json", (r: DiffReport) => renderJson<DiffReport>(DiffReportSchema)(r)],
  ] as const)("%s golden", async (_f, ext, render) => {
    const out = render(report).replaceAll(repo.base, "<base>").replaceAll(repo.head, "<head>");
    await expect(out).toMatchFileSnapshot(`../golden/diff/impact.${ext}`);
  });

  it("the Markdown is GFM with nothing but our own elements, and JSON validates against the committed schema", () => {
    expect(gfmProblems(renderDiffMarkdown(report))).toEqual([]);
    const json = JSON.parse(renderJson<DiffReport>(DiffReportSchema)(report)) as unknown;
    const schema = JSON.parse(readFileSync(path.join(REPO, "schemas", "lock-diff.v1.schema.json"), "utf8")) as object;
    expect(new Ajv2020.default({ strict: false }).compile(schema)(json)).toBe(true);
    expect(DiffReportSchema.parse(json)).toEqual(json);
  });
});
