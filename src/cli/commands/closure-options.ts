import type { Argv } from "yargs";
import type { ClosureSource } from "../../app/read-closure.js";
import type { Env } from "../io.js";

export interface ClosureArgs {
  readonly closure?: string | undefined;
  readonly closureOf?: string | undefined;
  readonly timeout: number;
}

/** --closure FILE | --closure-of INSTALLABLE, and --timeout for the nix call. */
export function closureOptions<T>(y: Argv<T>, _env: Env) {
  return y
    .option("closure", {
      type: "string",
      requiresArg: true,
      describe: "`nix path-info --json --recursive` output, any Nix or Lix version (- for stdin)",
    })
    .option("closure-of", {
      type: "string",
      describe: "run the installed nix path-info on this installable or store path",
    })
    .conflicts("closure", "closure-of");
}

export function closureSource(args: ClosureArgs): ClosureSource | undefined {
  if (args.closure !== undefined) return { file: args.closure };
  if (args.closureOf !== undefined) return { of: args.closureOf };
  return undefined;
}
