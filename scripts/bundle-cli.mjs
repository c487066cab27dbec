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
 * string-width (loaded with yargs, through cliui and wrap-ansi) builds an Intl.Segmenter when it is
 * loaded: ICU's break-iterator data, about 20 ms of CPU, a sixth of Node's own start-up, in every run,
 * though only help text is ever measured. In the bundle it is built on first use instead. A
 * string-width that no longer has the line fails the build, so that the change is seen.
 */
const EAGER_SEGMENTER = "const segmenter = new Intl.Segmenter();";
const lazySegmenter = {
  name: "lazy-intl-segmenter",
  setup(build) {
    build.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes(EAGER_SEGMENTER))
        throw new Error(`${args.path} has no '${EAGER_SEGMENTER}': see lazySegmenter in scripts/bundle-cli.mjs`);
      const lazy = "let eager;\nconst segmenter = { segment: (s) => (eager ??= new Intl.Segmenter()).segment(s) };";
      return { contents: text.replace(EAGER_SEGMENTER, lazy), loader: "js", resolveDir: path.dirname(args.path) };
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
    plugins: [lazySegmenter],
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
