// Builds the yargs floor (bench/floor/yargs-command.mjs) into one CommonJS file with its code cache,
// as scripts/bundle-cli.mjs builds the CLI, and returns the node argv that runs it: the start-up
// cases compare the CLI's own argument parsing with what stock yargs alone costs.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { build } from "esbuild";
import { REPO } from "./measure.mjs";

const RUNNER = path.join(REPO, "bench", "floor", "run-cached.cjs");

/** The argv (after `node`) of the yargs floor run with `args`, its bundle and cache in `out`. */
export async function yargsFloor(out, args) {
  const bundle = path.join(out, "yargs-floor.cjs");
  await build({
    entryPoints: [path.join(REPO, "bench", "floor", "yargs-command.mjs")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // yargs' ES-module shim asks import.meta.url for its require.
    define: { "import.meta.url": "__importMetaUrl" },
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: "error",
  });
  const argv = [RUNNER, bundle, ...args];
  const trained = spawnSync(process.execPath, argv, {
    env: { ...process.env, FLAKE_AUDIT_BENCH_TRAIN: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (trained.status !== 0) throw new Error(`yargs floor: exit ${trained.status}: ${trained.stderr}`);
  return argv;
}
