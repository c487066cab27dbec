#!/usr/bin/env node
// Counts what `check --lock-only` reports over the real corpus locks (../shared/corpus/locks):
// findings (from --format json) and lines of --format text, in total and for the largest lock.
// Usage: node scripts/corpus-check-counts.mjs [corpus-dir]
// Bundles src/cli/run.ts with esbuild into a temporary directory, so it needs no build step.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpus = path.resolve(process.argv[2] ?? path.join(REPO, "../shared/corpus"));
const locks = path.join(corpus, "locks");
// Inside the repository, so the bundle's bare imports resolve from its node_modules, and two
// directories down, since src/cli/wire.ts reads ../../package.json from the running file.
const tmp = mkdtempSync(path.join(REPO, ".counts-"));
const outfile = path.join(tmp, "cli", "run.mjs");
await build({
  absWorkingDir: REPO,
  entryPoints: ["src/cli/run.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  logLevel: "error",
});
const { run } = await import(pathToFileURL(outfile).href);

async function cli(argv) {
  let stdout = "";
  const io = {
    stdout: (t) => void (stdout += t),
    stderr: () => undefined,
    isTTY: false,
    readStdin: async () => "",
    cwd: locks,
  };
  const code = await run(argv, io, {});
  return { code, stdout };
}

const base = ["check", "--lock-only", "--now", "2026-11-25", "--fail-on", "none"];
let findings = 0;
let lines = 0;
let largest = { file: "", nodes: 0, findings: 0, lines: 0 };
const files = readdirSync(locks).filter((f) => f.endsWith(".lock")).sort();
for (const file of files) {
  const json = await cli([...base, file, "--format", "json"]);
  const text = await cli([...base, file, "--format", "text"]);
  if (json.code !== 0) continue;
  const n = JSON.parse(json.stdout).findings.length;
  const l = text.stdout.split("\n").length - 1;
  findings += n;
  lines += l;
  const { readFileSync } = await import("node:fs");
  const nodes = Object.keys(JSON.parse(readFileSync(path.join(locks, file), "utf8")).nodes ?? {}).length;
  if (nodes > largest.nodes) largest = { file, nodes, findings: n, lines: l };
}
rmSync(tmp, { recursive: true, force: true });
console.log(`${files.length} locks: ${findings} findings, ${lines} lines of text`);
console.log(`largest (${largest.file}, ${largest.nodes} nodes): ${largest.findings} findings, ${largest.lines} lines`);
