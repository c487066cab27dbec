#!/usr/bin/env node
// The command's first module, kept small: `--version` is answered here, and everything else loads
// the CLI (yargs, the commands) with one require, through the code cache built with it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { useCodeCache } from "./cli/code-cache.js";
import { asksOnlyForVersion, printVersion } from "./cli/start.js";

async function main(argv: readonly string[]): Promise<number> {
  if (asksOnlyForVersion(argv)) return printVersion();
  // The bundle's own directory (dist/bin); from the TypeScript output there is no cache and this does nothing.
  useCodeCache(path.dirname(fileURLToPath(import.meta.url)));
  return (await import("./cli/process.js")).runProcess(argv, process.env);
}

// No top-level await: the bundle is CommonJS (scripts/bundle-cli.mjs).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
