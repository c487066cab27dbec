#!/usr/bin/env node
// SCVS and CRA scores of the SBOMs flake-audit writes for the real locks in the corpus (issue 20).
//
//   npm run build && node bench/compliance-scores.mjs [CORPUS] [--limit N] [--jobs N] [--json FILE] [-- SBOM FLAGS…]
//
// CORPUS defaults to ../shared/corpus next to this checkout. Every v5–v7 lock in SOURCES.tsv (or the
// first N, --limit) goes through the built CLI (`dist/bin/flake-audit.js sbom LOCK -o FILE`) once as
// is and once with --reproducible, with the SBOM FLAGS after `--` added to both (for example
// `-- --manufacturer ACME --manufacturer-url https://acme.example --vulnerability-contact security@acme.example`),
// and each SBOM through cdxgen's `cdx-validate -r json` bin. Printed: per mode, the SCVS score
// (min/median/max of `benchmarks[scvs].scorePct`) and, for every SCVS or CRA control that fails on
// some SBOM, on how many. The bin's exit code is not a verdict here (it exits 3 on any high finding).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI = path.join(REPO, "dist/bin/flake-audit.js");
const VALIDATE = path.join(REPO, "node_modules/.bin/cdx-validate");

function parseArgs(argv) {
  const dash = argv.indexOf("--");
  const own = dash === -1 ? argv : argv.slice(0, dash);
  const opts = { corpus: path.join(REPO, "../shared/corpus"), limit: Infinity, jobs: 2, json: undefined };
  opts.sbomFlags = dash === -1 ? [] : argv.slice(dash + 1);
  for (let i = 0; i < own.length; i++) {
    const a = own[i];
    if (a === "--limit") opts.limit = Number(own[++i]);
    else if (a === "--jobs") opts.jobs = Number(own[++i]);
    else if (a === "--json") opts.json = own[++i];
    else if (!a.startsWith("--")) opts.corpus = path.resolve(a);
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

function corpusLocks(corpus) {
  const [header, ...rows] = readFileSync(path.join(corpus, "SOURCES.tsv"), "utf8").trim().split("\n");
  const cols = header.split("\t");
  const at = (r, c) => r[cols.indexOf(c)] ?? "";
  return rows
    .map((r) => r.split("\t"))
    .filter((r) => at(r, "kind") === "flake.lock" && ["5", "6", "7"].includes(at(r, "lock_version")))
    .map((r) => at(r, "file"));
}

const run = (file, args, env) =>
  new Promise((resolve) => {
    execFile(file, args, { env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : (error.code ?? -1), stdout, stderr }),
    );
  });

/** One lock in one mode: the SBOM written by the CLI, then cdx-validate's scorecards of it. */
async function score(lock, mode, opts, dir) {
  const out = path.join(dir, `${path.basename(lock)}.${mode}.cdx.json`);
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("FLAKE_AUDIT_") || k === "SOURCE_DATE_EPOCH") delete env[k];
  const flags = [...(mode === "reproducible" ? ["--reproducible"] : []), ...opts.sbomFlags];
  const sbom = await run(process.execPath, [CLI, "sbom", lock, "-o", out, "--name", "corpus", ...flags], env);
  if (sbom.code !== 0 && sbom.code !== 4)
    return { lock, mode, error: `flake-audit exit ${sbom.code}: ${sbom.stderr.trim()}` };
  // The report goes to a file: the bin ends with process.exit, which cuts a report piped to stdout at 64 KiB.
  const reportFile = `${out}.report.json`;
  const v = await run(VALIDATE, ["-i", out, "-r", "json", "--no-include-manual", "-o", reportFile], env);
  rmSync(out, { force: true });
  let report;
  try {
    report = JSON.parse(readFileSync(reportFile, "utf8"));
    rmSync(reportFile, { force: true });
  } catch {
    return { lock, mode, error: `cdx-validate exit ${v.code}: ${v.stderr.trim()}` };
  }
  const bench = (id) => report.benchmarks.find((b) => b.id === id);
  const failing = (b) => b.controls.filter((c) => c.status === "fail").map((c) => c.id);
  const scvs = bench("scvs");
  const cra = bench("cra");
  return {
    lock,
    mode,
    schemaValid: report.schemaValid,
    deepValid: report.deepValid,
    scvs: { score: scvs.scorePct, pass: scvs.pass, automatable: scvs.automatable, failing: failing(scvs) },
    cra: { score: cra.scorePct, pass: cra.pass, automatable: cra.automatable, failing: failing(cra) },
  };
}

async function pool(items, jobs, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function summarise(results, mode) {
  const rs = results.filter((r) => r.mode === mode && r.error === undefined);
  const counts = new Map();
  for (const r of rs) for (const id of [...r.scvs.failing, ...r.cra.failing]) counts.set(id, (counts.get(id) ?? 0) + 1);
  const scores = rs.map((r) => r.scvs.score);
  const craScores = rs.map((r) => r.cra.score);
  return {
    mode,
    sboms: rs.length,
    invalid: rs.filter((r) => !r.schemaValid || !r.deepValid).map((r) => r.lock),
    scvs: { min: Math.min(...scores), median: median(scores), max: Math.max(...scores) },
    scvsAt100: scores.filter((s) => s === 100).length,
    cra: { min: Math.min(...craScores), median: median(craScores), max: Math.max(...craScores) },
    failing: Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))),
  };
}

const opts = parseArgs(process.argv.slice(2));
for (const [what, file] of [
  ["the built CLI (npm run build)", CLI],
  ["cdxgen's cdx-validate", VALIDATE],
  ["the corpus", path.join(opts.corpus, "SOURCES.tsv")],
])
  if (!existsSync(file)) {
    console.error(`missing ${what}: ${file}`);
    process.exit(2);
  }
const locks = corpusLocks(opts.corpus).slice(0, opts.limit);
const dir = mkdtempSync(path.join(tmpdir(), "fa-compliance-"));
const work = locks.flatMap((l) => ["default", "reproducible"].map((mode) => [path.join(opts.corpus, l), mode]));
const started = Date.now();
const results = await pool(work, opts.jobs, ([lock, mode]) => score(lock, mode, opts, dir));
rmSync(dir, { recursive: true, force: true });
const summary = ["default", "reproducible"].map((m) => summarise(results, m));
const errors = results.filter((r) => r.error !== undefined);

console.log(`# cdx-validate over ${locks.length} corpus locks (${((Date.now() - started) / 1000).toFixed(0)} s)`);
console.log(`sbom flags: ${opts.sbomFlags.length > 0 ? opts.sbomFlags.join(" ") : "(none)"}\n`);
console.log(
  "| mode | SBOMs | SCVS % min / median / max | SCVS 100% | CRA % min / median / max | failing controls (SBOMs) |",
);
console.log("|---|---|---|---|---|---|");
for (const s of summary) {
  const failing =
    Object.entries(s.failing)
      .map(([id, n]) => `${id} (${n})`)
      .join(", ") || "none";
  console.log(
    `| ${s.mode} | ${s.sboms} | ${s.scvs.min} / ${s.scvs.median} / ${s.scvs.max} | ${s.scvsAt100} | ${s.cra.min} / ${s.cra.median} / ${s.cra.max} | ${failing} |`,
  );
}
for (const s of summary)
  if (s.invalid.length > 0) console.log(`\n${s.mode}: schema or deep validation failed: ${s.invalid.join(", ")}`);
for (const e of errors) console.log(`\nerror: ${path.basename(e.lock)} (${e.mode}): ${e.error}`);
if (opts.json !== undefined)
  writeFileSync(opts.json, `${JSON.stringify({ sbomFlags: opts.sbomFlags, summary, results }, null, 2)}\n`);
process.exit(errors.length > 0 ? 1 : 0);
