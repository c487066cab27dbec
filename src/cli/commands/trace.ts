import { nativeSha256 } from "../../adapters/native-sha256.js";
import type { Argv } from "yargs";
import type { CommandContext } from "../context.js";
import { textWidth } from "../io.js";
import { REPORT_EXIT_CODES, type IncompleteMeaning } from "../exit-codes.js";
import { outcome, type Outcome } from "../outcome.js";
import { RENDERERS } from "../../render/formats.js";
import { closureOptions, closureSource, type ClosureArgs } from "./closure-options.js";
import { timeoutOption } from "./github-options.js";
import { formatOption, formatsOf, outputOption } from "./shared-options.js";

export const command = "trace <path>";
export const describe = "Trace a /nix/store path back to the flake inputs it came from";
const FORMATS = formatsOf(RENDERERS.trace);

/** 4 when the installed nix could not answer for every path (not when data was left out: that is a gap with options). */
export const exitCodes = REPORT_EXIT_CODES;

/** What exit 4 means here (cli/exit-codes.ts adds the flags that rule it out). */
export const incomplete: IncompleteMeaning = {
  what: "the installed nix could not answer for every path; the report lists what under gaps",
};

export function builder<T>(y: Argv<T>, ctx: CommandContext) {
  return timeoutOption(closureOptions(y, ctx.env), ctx.env)
    .positional("path", { type: "string", demandOption: true, describe: "a store path (or a file inside one)" })
    .option("lock", { type: "string", describe: "flake.lock whose inputs to match (default ./flake.lock)" })
    .option("derivations", {
      type: "string",
      describe: "`nix show-derivation -r` / `nix derivation show -r` output, to follow build inputs",
    })
    .option("format", formatOption(ctx.env, FORMATS, "text"))
    .option("output", outputOption)
    .example("$0 trace /nix/store/…-source", "which input is this source?")
    .example("$0 trace $(readlink result) --closure-of ./result", "which inputs did this build use, with the real nix");
}

export interface TraceArgs extends ClosureArgs {
  readonly path: string;
  readonly lock?: string | undefined;
  readonly derivations?: string | undefined;
  readonly format: (typeof FORMATS)[number];
  readonly output?: string | undefined;
}

export async function handler(args: TraceArgs, ctx: CommandContext): Promise<Outcome> {
  const { traceUseCase } = await import("../../app/trace.js");
  const w = ctx.wiring(args.timeout);
  const closure = closureSource(args);
  const report = await traceUseCase(
    {
      path: args.path,
      lockPath: args.lock ?? "flake.lock",
      lockExplicit: args.lock !== undefined,
      ...(closure !== undefined ? { closure } : {}),
      ...(args.derivations !== undefined ? { derivationsPath: args.derivations } : {}),
      tool: w.tool,
      // node:crypto: the report's lock hash loads it anyway, and it hashes a path faster than the domain.
      digest: nativeSha256,
    },
    w.files,
    () => w.nix(),
  );
  const render = await RENDERERS.trace[args.format]();
  await ctx.write(render(report, { width: textWidth(ctx.io, args.output) }), args.output);
  // Data left out (a gap with options, e.g. no --closure) is a choice, as --offline is: not incomplete.
  return outcome({ incomplete: report.gaps.some((g) => g.options === undefined) });
}
