import type { Argv } from "yargs";
import type { CommandContext } from "../context.js";
import { RENDERERS } from "../../render/formats.js";
import { timeoutOption, upstreamOptions, type UpstreamArgs } from "./github-options.js";
import { formatOption, outputOption } from "./shared-options.js";

export const command = "resolve [lock]";
export const describe = "Resolve every input to its upstream commit, repository and license through the GitHub API";
const FORMATS = Object.keys(RENDERERS.resolve) as Array<keyof typeof RENDERERS.resolve>;

export function builder(y: Argv, ctx: CommandContext): Argv {
  return timeoutOption(upstreamOptions(y, ctx.env), ctx.env)
    .positional("lock", { type: "string", default: "flake.lock", describe: "flake.lock to read (- for stdin)" })
    .option("format", formatOption(ctx.env, FORMATS, "text"))
    .option("output", outputOption)
    .example("GITHUB_TOKEN=… $0 resolve", "commits, signatures, reachability and licenses of ./flake.lock")
    .example("$0 resolve --offline --format json", "the same from the cache only");
}

export interface ResolveArgs extends UpstreamArgs {
  readonly lock: string;
  readonly format: (typeof FORMATS)[number];
  readonly output?: string;
}

export async function handler(args: ResolveArgs, ctx: CommandContext): Promise<number> {
  const { resolveUseCase } = await import("../../app/resolve.js");
  const { githubSource } = await import("../github-wiring.js");
  const w = ctx.wiring(args.timeout);
  const report = await resolveUseCase(
    { lockPath: args.lock, tool: w.tool, offline: args.offline, enterpriseHosts: args.githubHost },
    w.files,
    () => githubSource(args, ctx.env, ctx.io, () => Date.now(), w.tool.version),
  );
  const render = await RENDERERS.resolve[args.format]();
  await ctx.write(render(report), args.output);
  // --offline is a choice: entries the cache could not answer do not make the run incomplete.
  return !args.offline && report.inputs.some((e) => e.status === "failed") ? 4 : 0;
}
