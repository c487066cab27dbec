import { run } from "../../src/cli/run.js";
import type { Env } from "../../src/cli/io.js";
import { REPO } from "./paths.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in process with a fake Io, as the user would from `cwd`. */
export async function runCli(
  argv: string[],
  opts: { env?: Env; stdin?: string; cwd?: string; isTTY?: boolean; columns?: number } = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(
    argv,
    {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      isTTY: opts.isTTY ?? false,
      ...(opts.columns !== undefined ? { columns: opts.columns } : {}),
      readStdin: async () => opts.stdin ?? "",
      cwd: opts.cwd ?? REPO,
    },
    opts.env ?? {},
  );
  return { code, stdout, stderr };
}
