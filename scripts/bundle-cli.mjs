#!/usr/bin/env node
// Builds the `flake-audit` command (package.json `bin`) from src/main.ts with esbuild, into dist/bin/:
// the entry file and the chunks it loads on demand (a command's own code, octokit for --resolve, zod
// to explain a malformed lock, the CycloneDX library for XML).
// Why: run from tsc's output, Node loads ~130 ES modules (ours, yargs', zod's) before the first
// line of a command runs, 150 ms of a small run on a 2-core machine; the bundle's entry is one.
// Usage: node scripts/bundle-cli.mjs [outdir]   (default: dist/bin; run by `npm run build`)
// The bundle must stay two directories below the repository root: src/cli/wire.ts reads the tool's
// version with require("../../package.json") at run time, relative to the file it ends up in.
import { chmodSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { REPO, nodeBundleOptions } from "./esbuild-node.mjs";

export const CLI_BUNDLE_DIR = "dist/bin";
export const CLI_ENTRY = "flake-audit.js";

/**
 * Intl objects that a dependency builds when it is loaded, each costing ICU data on every run though
 * few runs use them; in the bundle each is built on first use instead. string-width (loaded with
 * yargs, through cliui and wrap-ansi) builds an Intl.Segmenter (~20 ms of CPU, a sixth of Node's own
 * start-up), used only for help text; packageurl-js (loaded with the SBOM renderer) an Intl.Collator
 * (~9 ms), used only for purls with qualifiers the renderer does not write directly. A dependency
 * that no longer has the line fails the build, so that the change is seen.
 */
const LAZY_INTL = [
  {
    file: /[\\/]string-width[\\/]index\.js$/,
    eager: "const segmenter = new Intl.Segmenter();",
    lazy: "let eager;\nconst segmenter = { segment: (s) => (eager ??= new Intl.Segmenter()).segment(s) };",
  },
  {
    file: /[\\/]packageurl-js[\\/]src[\\/]strings\.js$/,
    eager: "const { compare: localeCompare } = new Intl.Collator()",
    lazy: "let eager\nconst localeCompare = (a, b) => (eager ??= new Intl.Collator()).compare(a, b)",
  },
];
const lazyIntl = {
  name: "lazy-intl",
  setup(build) {
    for (const { file, eager, lazy } of LAZY_INTL)
      build.onLoad({ filter: file }, async (args) => {
        const text = await readFile(args.path, "utf8");
        if (!text.includes(eager))
          throw new Error(`${args.path} has no '${eager}': see LAZY_INTL in scripts/bundle-cli.mjs`);
        return { contents: text.replace(eager, lazy), loader: "js", resolveDir: path.dirname(args.path) };
      });
  },
};

export async function bundleCli(outdir = path.join(REPO, CLI_BUNDLE_DIR)) {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    ...nodeBundleOptions("scripts/bundle-cli.mjs from src/main.ts (`npm run build`)"),
    entryPoints: { "flake-audit": "src/main.ts" },
    outdir,
    // Dynamic imports stay dynamic: each becomes a chunk loaded only by the runs that need it.
    splitting: true,
    // Chunks sit beside the entry, two levels below the root like it (see wire.ts above).
    chunkNames: "[name]-[hash]",
    plugins: [lazyIntl],
  });
  if (result.errors.length > 0) throw new Error("esbuild failed");
  const entry = path.join(outdir, CLI_ENTRY);
  chmodSync(entry, 0o755);
  return entry;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Nothing on stdout: `npm pack --json` runs this through `prepare` and its stdout must stay JSON.
  await bundleCli(process.argv[2] === undefined ? undefined : path.resolve(process.argv[2]));
}
