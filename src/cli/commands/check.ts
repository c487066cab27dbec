import type { Argv } from "yargs";
import type { CommandContext } from "../context.js";
import { RENDERERS } from "../../render/formats.js";
import { failsOn, type FailOn } from "./fail-on.js";
import { timeoutOption, upstreamOptions, type UpstreamArgs } from "./github-options.js";
import { failOnOption, formatOption, lockOnlyOption, nowOption, outputOption, parseNow } from "./shared-options.js";

export const command = "check [lock]";
export const describe = "Check every input against a policy, for CI gates and code scanning";
const FORMATS = Object.keys(RENDERERS.check) as Array<keyof typeof RENDERERS.check>;

export function builder(y: Argv, ctx: CommandContext): Argv {
  return timeoutOption(upstreamOptions(y, ctx.env), ctx.env)
    .positional("lock", { type: "string", default: "flake.lock", describe: "flake.lock to check (- for stdin)" })
    .option("policy", { type: "string", describe: "policy file (JSON or YAML; schemas/policy.v1.schema.json)" })
    .option("format", formatOption(ctx.env, FORMATS, "text", "output format (sarif for GitHub code scanning)"))
    .option("fail-on", failOnOption(ctx.env, "high"))
    .option("lock-only", lockOnlyOption(ctx.env))
    .option("now", nowOption("the date the checks run at (ISO 8601); nothing else reads the clock"))
    .option("output", outputOption)
    .example(
      "$0 check --policy flake-audit.yaml --format sarif -o results.sarif",
      "for github/codeql-action/upload-sarif",
    );
}

export interface CheckArgs extends UpstreamArgs {
  readonly lock: string;
  readonly policy?: string;
  readonly format: (typeof FORMATS)[number];
  readonly failOn: FailOn;
  readonly lockOnly: boolean;
  readonly now?: string;
  readonly output?: string;
}

export async function handler(args: CheckArgs, ctx: CommandContext): Promise<number> {
  const { checkUseCase } = await import("../../app/check.js");
  const { githubSource } = await import("../github-wiring.js");
  const w = ctx.wiring(args.timeout);
  const report = await checkUseCase(
    {
      lockPath: args.lock,
      ...(args.policy !== undefined ? { policyPath: args.policy } : {}),
      upstream: args.lockOnly ? "lock-only" : args.offline ? "offline" : "online",
      enterpriseHosts: args.githubHost,
      tool: w.tool,
      now: parseNow(args.now) ?? w.now,
    },
    w.files,
    () => githubSource(args, ctx.env, ctx.io, () => Date.now(), w.tool.version),
  );
  const render = await RENDERERS.check[args.format]();
  await ctx.write(render(report), args.output);
  if (failsOn(report.findings, args.failOn)) return 1;
  return !args.offline && !args.lockOnly && report.gaps.length > 0 ? 4 : 0;
}
