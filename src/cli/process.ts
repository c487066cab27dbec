import { outputError } from "../adapters/output-file.js";
import { exitCodeOf } from "./exit-codes.js";
import type { Env } from "./io.js";
import { nodeIo } from "./node-io.js";
import { reportError, run } from "./run.js";

/** The CLI run in this process, on its real streams: what src/main.ts loads for every command. */
export const runProcess = (argv: readonly string[], env: Env): Promise<number> => run(argv, nodeIo(), env);

/** A failed write of `--version` (cli/start.ts), told and coded like every command's output error. */
export function reportStdoutFailure(e: unknown): number {
  const error = outputError("standard output", e);
  reportError(error, nodeIo());
  return exitCodeOf({ errors: [error] });
}
