import { run } from "../../src/cli/run.js";
import type { Env } from "../../src/cli/io.js";
import { REPO } from "./paths.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// sbom and check read locked sources' licence files from the local store (/nix/store by default):
// what this machine's store holds must not change a golden. A store that does not exist answers
// "not in the local store" for every source; a test about the store names its own (--store or env).
const NO_STORE = "local?root=/nonexistent-flake-audit-test-store";
const hermeticStore = (env: Env): Env =>
  env["FLAKE_AUDIT_STORE"] !== undefined || env["NIX_STORE_DIR"] !== undefined
    ? env
    : { ...env, FLAKE_AUDIT_STORE: NO_STORE };

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
    hermeticStore(opts.env ?? {}),
  );
  return { code, stdout, stderr };
}
