#!/usr/bin/env node
// Counts what `flake-audit diff --lock-only` says over the real corpus update pairs
// (../shared/corpus/pairs.tsv): findings by severity and rule, text lines, Markdown table rows,
// change entries. Usage: node scripts/corpus-diff-stats.mjs [corpus-dir]
// Bundles src/main.ts with esbuild into build/ and runs it once per pair and format.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpus = path.resolve(process.argv[2] ?? path.join(REPO, "..", "shared", "corpus"));
if (!existsSync(path.join(corpus, "pairs.tsv"))) {
  console.error(`no corpus at ${corpus}`);
  process.exit(2);
}
const dir = path.join(REPO, "build", "corpus-stats");
mkdirSync(dir, { recursive: true });
const main = path.join(dir, "main.js");
await build({
  entryPoints: [path.join(REPO, "src/main.ts")],
  outfile: main,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "silent",
});
const [, ...rows] = readFileSync(path.join(corpus, "pairs.tsv"), "utf8").trim().split("\n");
const run = (a, b, format) => {
  try {
    return execFileSync("node", [main, "diff", "--lock-only", "--format", format, a, b], { encoding: "utf8" });
  } catch (e) {
    if (e.status === 1) return e.stdout;
    throw e;
  }
};
const totals = { pairs: 0, findings: 0, textLines: 0, mdLines: 0, mdTableRows: 0, changes: 0 };
const bySeverity = {};
const byRule = {};
for (const row of rows) {
  const [, , , oldFile, newFile] = row.split("\t");
  const [a, b] = [path.join(corpus, oldFile), path.join(corpus, newFile)];
  const json = JSON.parse(run(a, b, "json"));
  totals.pairs++;
  totals.findings += json.findings.length;
  totals.changes += json.changes.length;
  for (const f of json.findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    byRule[`${f.severity} ${f.rule}`] = (byRule[`${f.severity} ${f.rule}`] ?? 0) + 1;
  }
  totals.textLines += run(a, b, "text").trimEnd().split("\n").length;
  const md = run(a, b, "markdown").trimEnd().split("\n");
  totals.mdLines += md.length;
  totals.mdTableRows += md.filter((l) => l.startsWith("| ") && !l.startsWith("|---")).length;
}
console.log(JSON.stringify({ ...totals, bySeverity, byRule }, null, 2));
