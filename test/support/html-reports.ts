import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DiffReport } from "../../src/domain/diff/report.js";
import { runCli } from "./cli.js";
import { CHECK_POLICY_YAML, checkLock } from "./check-scenarios.js";
import { lockOnlyPair, writePair } from "./diff-scenarios.js";
import { writeReportScenario } from "./fleet/scenario.js";

/** One command's HTML report beside the JSON of the same run, for goldens and the browser tests. */
export interface HtmlCase {
  readonly name: string;
  readonly html: string;
  readonly json: string;
}

async function both(argv: string[], cwd: string, tmp: string): Promise<HtmlCase> {
  const html = await runCli([...argv, "--format", "html"], { cwd });
  const json = await runCli([...argv, "--format", "json"], { cwd });
  if (html.stderr !== "" || json.stderr !== "") throw new Error(`${argv.join(" ")}: ${html.stderr}${json.stderr}`);
  return { name: argv[0] ?? "", html: html.stdout.replaceAll(tmp, "<tmp>"), json: json.stdout };
}

/** check over the scenario lock (every lock rule), lock-only at a fixed date. */
export async function checkCase(): Promise<HtmlCase> {
  const dir = mkdtempSync(path.join(tmpdir(), "fa-html-check-"));
  writeFileSync(path.join(dir, "flake.lock"), checkLock());
  writeFileSync(path.join(dir, "policy.yaml"), CHECK_POLICY_YAML);
  const argv = [
    "check",
    "flake.lock",
    "--policy",
    "policy.yaml",
    "--lock-only",
    "--now",
    "2026-11-25",
    "--fail-on",
    "none",
  ];
  return { ...(await both(argv, dir, dir)), name: "check" };
}

/** diff of the lock-only pair (every change kind). */
export async function diffCase(): Promise<HtmlCase> {
  const files = writePair(lockOnlyPair());
  const argv = ["diff", files.old, files.new, "--lock-only", "--now", "2024-12-01T00:00:00Z"];
  return { ...(await both(argv, path.dirname(files.old), path.dirname(files.old))), name: "diff" };
}

/** fleet over the host-report world of test/support/fleet (approved, drifted, unsigned, untrusted hosts). */
export async function fleetCase(): Promise<HtmlCase> {
  const dir = mkdtempSync(path.join(tmpdir(), "fa-html-fleet-"));
  const { fleetFile } = writeReportScenario(dir);
  const argv = ["fleet", fleetFile, "--reports", "reports"];
  const html = await runCli([...argv, "--format", "html"], { cwd: dir });
  const json = await runCli([...argv, "--format", "json"], { cwd: dir });
  return { name: "fleet", html: html.stdout.replaceAll(dir, "<tmp>"), json: json.stdout };
}

/** trace of a built output with its derivations (chain, inputs and sources), through the renderers. */
export async function traceCases(): Promise<HtmlCase[]> {
  const { traceScenarios } = await import("./trace-scenarios.js");
  const { RENDERERS } = await import("../../src/render/formats.js");
  const [html, json] = [await RENDERERS.trace.html(), await RENDERERS.trace.json()];
  return (await traceScenarios()).map(([name, r]) => {
    const report = {
      ...r,
      ...(r.lockFile ? { lockFile: { ...r.lockFile, path: "flake.lock" } } : {}),
      ...(r.closureFile ? { closureFile: { ...r.closureFile, path: "closure.json" } } : {}),
    };
    return { name: `trace-${name}`, html: html(report), json: json(report) };
  });
}

/** sbom --html-report over the check scenario lock, at a fixed SOURCE_DATE_EPOCH; `json` is the SBOM. */
export async function sbomCase(lockText: string = checkLock()): Promise<HtmlCase> {
  const dir = mkdtempSync(path.join(tmpdir(), "fa-html-sbom-"));
  writeFileSync(path.join(dir, "flake.lock"), lockText);
  const argv = [
    "sbom",
    "flake.lock",
    "--name",
    "demo",
    "--reproducible",
    "-o",
    "sbom.cdx.json",
    "--html-report",
    "summary.html",
  ];
  const r = await runCli(argv, { cwd: dir, env: { SOURCE_DATE_EPOCH: "1764547200" } });
  if (r.code !== 0) throw new Error(`sbom: ${r.stderr}`);
  const { readFileSync } = await import("node:fs");
  return {
    name: "sbom",
    html: readFileSync(path.join(dir, "summary.html"), "utf8"),
    json: readFileSync(path.join(dir, "sbom.cdx.json"), "utf8"),
  };
}

/** graph --format html over the check scenario lock; `json` is the same run's SVG (graph has no JSON). */
export async function graphCase(): Promise<HtmlCase> {
  const dir = mkdtempSync(path.join(tmpdir(), "fa-html-graph-"));
  writeFileSync(path.join(dir, "flake.lock"), checkLock());
  const run = (format: string) =>
    runCli(["graph", "flake.lock", "--now", "2026-11-25", "--format", format], { cwd: dir });
  const [html, svg] = [await run("html"), await run("svg")];
  if (html.code !== 0) throw new Error(`graph: ${html.stderr}`);
  return { name: "graph", html: html.stdout, json: svg.stdout };
}

/**
 * diff with `--installable` (issue 21): the fixed report of test/golden/diff/impact.json (made by
 * test/app/impact.test.ts from derivations the real nix instantiated at two revisions) through the
 * HTML and JSON renderers: package changes per installable, a licence change, a failed installable.
 */
export async function diffImpactCase(): Promise<HtmlCase> {
  const { readFileSync } = await import("node:fs");
  const { REPO } = await import("./paths.js");
  const { RENDERERS } = await import("../../src/render/formats.js");
  const { DiffReportSchema } = await import("../../src/render/diff/report.schema.js");
  const report = JSON.parse(
    readFileSync(path.join(REPO, "test", "golden", "diff", "impact.json"), "utf8"),
  ) as DiffReport;
  DiffReportSchema.parse(report); // the golden is a report of the current schema
  const [html, json] = [await RENDERERS.diff.html(), await RENDERERS.diff.json()];
  return { name: "diff-impact", html: html(report), json: json(report) };
}
