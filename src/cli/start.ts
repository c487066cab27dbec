import { errnoCode } from "../adapters/errno.js";
import { toolInfo } from "./tool-info.js";

/**
 * `flake-audit --version` and nothing else: the one request answered before the CLI (yargs, the
 * commands, the adapters) is loaded. Anything more, `--version --help` included, is yargs' to answer.
 */
export const asksOnlyForVersion = (argv: readonly string[]): boolean => argv.length === 1 && argv[0] === "--version";

/**
 * Prints the version as yargs does (the version and a newline) and resolves to the exit code.
 * A reader that went away ends the run quietly and any other failure is an output error (exit 2),
 * as for every command: the failure is reported by the CLI's own code, loaded only then.
 */
export async function printVersion(): Promise<number> {
  // A failed write also emits "error" (after the callback): without a listener it would end the process.
  process.stdout.once("error", () => {});
  const failure = await new Promise<unknown>((resolve) =>
    process.stdout.write(`${toolInfo().version}\n`, (e) => resolve(e ?? undefined)),
  );
  if (failure === undefined || errnoCode(failure) === "EPIPE") return 0;
  return (await import("./process.js")).reportStdoutFailure(failure);
}
