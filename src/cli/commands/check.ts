import type { Argv } from "yargs";
import type { CommandContext } from "../context.js";
import { textWidth } from "../io.js";
import { GATE_EXIT_CODES, type IncompleteMeaning } from "../exit-codes.js";
import { outcome, upstreamMode, type Outcome } from "../outcome.js";
import { RENDERERS } from "../../render/formats.js";
import { UsageError } from "../../app/errors.js";
import type { FailOn } from "./fail-on.js";
import { timeoutOption, upstreamOptions, type UpstreamArgs } from "./github-options.js";
import {
  closureOptions,
  closureSource,
  lockPathFor,
  packageOptions,
  packagesRequest,
  type ClosureArgs,
  type PackageArgs,
} from "./closure-options.js";
import {
  failOnOption,
  formatOption,
  formatsOf,
  lockOnlyOption,
  nowOption,
  outputOption,
  parseNow,
} from "./shared-options.js";
import { sourceStoreFor, storeOption, type StoreArgs } from "./store-option.js";

export const command = "check [lock]";
export const describe = "Check every input against a policy, for CI gates and code scanning";
const FORMATS = formatsOf(RENDERERS.check);

export const exitCodes = GATE_EXIT_CODES;

/** What exit 4 means here (cli/exit-codes.ts adds the flags that rule it out). */
export const incomplete: IncompleteMeaning = {
  what: "GitHub could not answer for every input; the report lists what under gaps",
};

export function builder<T>(y: Argv<T>, ctx: CommandContext) {
  return storeOption(
    packageOptions(closureOptions(timeoutOption(upstreamOptions(y, ctx.env), ctx.env), ctx.env), {
      buildtime: false,
    }),
  )
    .positional("lock", {
      type: "string",
      describe: "flake.lock to check (- for stdin; default ./flake.lock, optional with a closure)",
    })
    .option("policy", { type: "string", describe: "policy file (JSON or YAML; schemas/policy.v1.schema.json)" })
    .option("format", formatOption(ctx.env, FORMATS, "text", "output format (sarif for GitHub code scanning)"))
    .option("fail-on", failOnOption(ctx.env, "high"))
    .option("lock-only", lockOnlyOption(ctx.env))
    .option("now", nowOption("the date the checks run at (ISO 8601); nothing else reads the clock"))
    .option("output", outputOption)
    .example(
      "$0 check --policy flake-audit.yaml --format sarif -o results.sarif",
      "for github/codeql-action/upload-sarif",
    )
    .example(
      "$0 check --closure c.json --derivations d.json --meta meta.json",
      "licence rules over the packages of a closure (the lock is optional with a closure)",
    );
}

export interface CheckArgs extends UpstreamArgs, ClosureArgs, PackageArgs, StoreArgs {
  readonly lock?: string | undefined;
  readonly policy?: string | undefined;
  readonly format: (typeof FORMATS)[number];
  readonly failOn: FailOn;
  readonly lockOnly: boolean;
  readonly now?: string | undefined;
  readonly output?: string | undefined;
}

export async function handler(args: CheckArgs, ctx: CommandContext): Promise<Outcome> {
  const { checkUseCase } = await import("../../app/check.js");
  const w = ctx.wiring(args.timeout);
  const closure = closureSource(args);
  const packages = packagesRequest(args);
  const lockPath = await lockPathFor(args.lock, closure, w.files);
  if (args.lock === undefined && closure === undefined && !(await w.files.exists("flake.lock")))
    throw new UsageError(
      "nothing to check: there is no flake.lock here; give a lock file, or a closure (--closure FILE or --closure-of INSTALLABLE)",
    );
  const report = await checkUseCase(
    {
      ...(lockPath !== undefined ? { lockPath } : {}),
      ...(args.policy !== undefined ? { policyPath: args.policy } : {}),
      upstream: upstreamMode(args),
      enterpriseHosts: args.githubHost,
      tool: w.tool,
      now: parseNow(args.now) ?? w.now,
      ...(closure !== undefined ? { closure } : {}),
      ...(packages !== undefined ? { packages } : {}),
      // allowedLicenses also reads each locked source's licence files from the local store (not with --lock-only).
      ...(lockPath !== undefined && !args.lockOnly
        ? { sourceStore: await sourceStoreFor(args, ctx.env, args.timeout) }
        : {}),
    },
    w.files,
    // octokit and its plugins load only when upstream facts are asked for (not with --lock-only).
    async () =>
      (await import("../github-wiring.js")).githubSource(args, ctx.env, ctx.io, () => Date.now(), w.tool.version),
    // The lock's path in its repository is said only by JSON and SARIF: asking git (a process, ~30 ms
    // of a small run) for text or Markdown would cost every CI run for nothing.
    args.format === "json" || args.format === "sarif"
      ? (await import("../../adapters/git-workspace.js")).gitWorkspace(ctx.io.cwd)
      : undefined,
    () => w.nix(),
  );
  const render = await RENDERERS.check[args.format]();
  await ctx.write(render(report, { width: textWidth(ctx.io, args.output) }), args.output);
  return outcome({
    severities: report.findings.map((f) => f.severity),
    failOn: args.failOn,
    incomplete: report.gaps.length > 0,
    upstream: upstreamMode(args),
  });
}
