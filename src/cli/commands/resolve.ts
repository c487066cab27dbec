import type { Argv } from "yargs";
import type { CommandContext } from "../context.js";
import { textWidth } from "../io.js";
import { GATE_EXIT_CODES, type IncompleteMeaning } from "../exit-codes.js";
import { outcome, upstreamMode, type Outcome } from "../outcome.js";
import { RENDERERS } from "../../render/formats.js";
import { timeoutOption, upstreamOptions, type UpstreamArgs } from "./github-options.js";
import type { FailOn } from "./fail-on.js";
import { failOnOption, formatOption, formatsOf, outputOption } from "./shared-options.js";

export const command = "resolve [lock]";
export const describe = "Resolve every input to its upstream commit, repository and license through the GitHub API";
const FORMATS = formatsOf(RENDERERS.resolve);

export const exitCodes = GATE_EXIT_CODES;

/** What exit 4 means here (cli/exit-codes.ts adds the flags that rule it out). */
export const incomplete: IncompleteMeaning = {
  what: "GitHub could not answer for every input; the report lists those as failed",
};

export function builder<T>(y: Argv<T>, ctx: CommandContext) {
  return (
    timeoutOption(upstreamOptions(y, ctx.env), ctx.env)
      .positional("lock", { type: "string", default: "flake.lock", describe: "flake.lock to read (- for stdin)" })
      .option("format", formatOption(ctx.env, FORMATS, "text"))
      // `none` by default, as for diff: resolve reports; a gate asks for --fail-on explicitly.
      .option("fail-on", failOnOption(ctx.env, "none"))
      .option("output", outputOption)
      .example("GITHUB_TOKEN=… $0 resolve", "commits, signatures, reachability and licenses of ./flake.lock")
      .example("$0 resolve --offline --format json", "the same from the cache only")
      .example("$0 resolve --fail-on high", "exit 1 when a commit is missing upstream or off its ref")
  );
}

export interface ResolveArgs extends UpstreamArgs {
  readonly lock: string;
  readonly format: (typeof FORMATS)[number];
  readonly failOn: FailOn;
  readonly output?: string | undefined;
}

export async function handler(args: ResolveArgs, ctx: CommandContext): Promise<Outcome> {
  const { resolveUseCase } = await import("../../app/resolve.js");
  const { githubSource } = await import("../github-wiring.js");
  const w = ctx.wiring(args.timeout);
  const report = await resolveUseCase(
    { lockPath: args.lock, tool: w.tool, offline: args.offline, enterpriseHosts: args.githubHost },
    w.files,
    () => githubSource(args, ctx.env, ctx.io, () => Date.now(), w.tool.version),
  );
  const render = await RENDERERS.resolve[args.format]();
  await ctx.write(render(report, { width: textWidth(ctx.io, args.output) }), args.output);
  return outcome({
    severities: report.findings.map((f) => f.severity),
    failOn: args.failOn,
    incomplete: report.inputs.some((e) => e.status === "failed"),
    upstream: upstreamMode(args),
  });
}
