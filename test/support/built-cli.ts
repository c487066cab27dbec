import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { REPO } from "./paths.js";

/**
 * The CLI compiled to one ES module, for tests that need a real process (its own stdout, signals,
 * limits). It lives two levels under the repository, as dist/main.js would be one level under it, so
 * that the tool finds package.json and node_modules; one directory per test process, as files run in parallel.
 */
export async function buildCli(): Promise<{
  main: string;
  script: (source: string) => Promise<string>;
  remove(): void;
}> {
  const dir = path.join(REPO, "build", `cli-test-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const common = {
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "silent",
  } as const;
  const main = path.join(dir, "main.js");
  await build({ ...common, entryPoints: [path.join(REPO, "src/main.ts")], outfile: main });
  let scripts = 0;
  return {
    main,
    /** A small program over the sources (imports relative to the repository), compiled beside main.js. */
    async script(source) {
      const outfile = path.join(dir, `script-${scripts++}.js`);
      await build({ ...common, stdin: { contents: source, resolveDir: REPO, loader: "ts" }, outfile });
      return outfile;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end, with a deadline so that a hang fails the test instead of stalling it. */
export function runProcess(
  command: string,
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: opts.timeoutMs ?? 20_000,
      killSignal: "SIGKILL",
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
