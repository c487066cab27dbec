#!/usr/bin/env node
// Builds the GitHub Action's one file (action.yml `runs.main`) from src with esbuild.
// Usage: node scripts/bundle-action.mjs [outfile]   (default: action/dist/index.js)
// The output is byte-for-byte reproducible, so test/action/bundle.test.ts can compare the
// committed file with a fresh build: no timestamps, paths relative to the repository, no minifying.
// The bundle must stay two directories below the repository root: src/cli/wire.ts reads the tool's
// version with require("../../package.json") at run time, which resolves from the bundle's location
// (the Action's checkout has package.json at its root).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { REPO, nodeBundleOptions } from "./esbuild-node.mjs";

export const ACTION_BUNDLE = "action/dist/index.js";

export async function bundleAction(outfile = path.join(REPO, ACTION_BUNDLE)) {
  const result = await build({
    ...nodeBundleOptions("scripts/bundle-action.mjs from src/action.ts (`npm run bundle`)"),
    entryPoints: ["src/action.ts"],
    outfile,
    // Worktrees link node_modules elsewhere; keeping the link's path keeps the module comments stable.
    preserveSymlinks: true,
    metafile: false,
  });
  if (result.errors.length > 0) throw new Error("esbuild failed");
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await bundleAction(process.argv[2] === undefined ? undefined : path.resolve(process.argv[2]));
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
