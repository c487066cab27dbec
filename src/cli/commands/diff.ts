import type { Argv } from "yargs";
import { UsageError } from "../../app/errors.js";
import type { LockSource } from "../../app/diff.js";
import { RENDERERS } from "../../render/formats.js";
import type { CommandContext } from "../context.js";
import { GATE_EXIT_CODES, type IncompleteMeaning } from "../exit-codes.js";
import { outcome, upstreamMode, type Outcome } from "../outcome.js";
import { textWidth, useColor } from "../io.js";
import type { FailOn } from "./fail-on.js";
import { timeoutOption, upstreamOptions, type UpstreamArgs } from "./github-options.js";
import { type ImpactArgs, impactFlags, impactOptions } from "./impact-options.js";
import {
  failOnOption,
  formatOption,
  formatsOf,
  lockOnlyOption,
  nowOption,
  outputOption,
  parseNow,
} from "./shared-options.js";

export const command = "diff [old] [new]";
export const describe = "What a flake.lock update changes: inputs, upstream commits, risks";
const FORMATS = formatsOf(RENDERERS.diff);

export const exitCodes = GATE_EXIT_CODES;

/** What exit 4 means here (cli/exit-codes.ts adds the flags that rule it out). */
export const incomplete: IncompleteMeaning = {
  what: "GitHub (or nix, for --closure-old/--closure-new or an --installable that failed to evaluate) could not answer; the report lists what under gaps",
  neverFor: "for GitHub",
};

export function builder<T>(y: Argv<T>, ctx: CommandContext) {
  return impactOptions(timeoutOption(upstreamOptions(y, ctx.env), ctx.env))
    .positional("old", { type: "string", describe: "old lock: a file, - for stdin, or REV:PATH from git" })
    .positional("new", { type: "string", describe: "new lock: a file, - for stdin, or REV:PATH from git" })
    .option("git", {
      type: "string",
      array: true,
      describe: "BASE [HEAD]: diff ./flake.lock at two commits (HEAD by default)",
    })
    .option("closure-old", { type: "string", describe: "path-info of the old build" })
    .option("closure-new", { type: "string", describe: "path-info of the new build" })
    .option("lock-only", lockOnlyOption(ctx.env))
    .option("format", formatOption(ctx.env, FORMATS, "text"))
    .option("fail-on", failOnOption(ctx.env, "none"))
    .option("output", outputOption)
    .option("now", nowOption("the time ages are counted to (ISO 8601); default: the clock"))
    .example("$0 diff origin/main:flake.lock flake.lock", "what this branch changes")
    .example("$0 diff --git HEAD~1 --format markdown", "the last commit's lock update, for a PR comment")
    .example(
      "$0 diff --git main --installable .#nixosConfigurations.web.config.system.build.toplevel",
      "what the update changes in the packages of host web (evaluation only, no build)",
    );
}

export interface DiffArgs extends UpstreamArgs, ImpactArgs {
  readonly old?: string | undefined;
  readonly new?: string | undefined;
  readonly git?: readonly string[] | undefined;
  readonly closureOld?: string | undefined;
  readonly closureNew?: string | undefined;
  readonly lockOnly: boolean;
  readonly format: (typeof FORMATS)[number];
  readonly failOn: FailOn;
  readonly output?: string | undefined;
  readonly now?: string | undefined;
}

/** `REV:PATH` reads from git unless a file of that name exists. */
async function source(arg: string, ctx: CommandContext): Promise<LockSource> {
  const colon = arg.indexOf(":");
  if (colon > 0 && arg !== "/dev/stdin" && !(await ctx.wiring().files.exists(arg)))
    return { git: { rev: arg.slice(0, colon), path: arg.slice(colon + 1) || "flake.lock" } };
  return { file: arg };
}

/** The two sides: OLD NEW, or --git BASE [HEAD]. */
async function lockSources(args: DiffArgs, ctx: CommandContext): Promise<[LockSource, LockSource]> {
  if (args.git !== undefined) {
    if (args.old !== undefined || args.new !== undefined)
      throw new UsageError("give either OLD NEW or --git BASE [HEAD], not both");
    const [base, head = "HEAD", ...rest] = args.git;
    if (base === undefined || rest.length > 0) throw new UsageError("--git takes BASE and an optional HEAD");
    return [{ git: { rev: base, path: "flake.lock" } }, { git: { rev: head, path: "flake.lock" } }];
  }
  if (args.old === undefined || args.new === undefined)
    throw new UsageError("give two locks: flake-audit diff OLD NEW (or --git BASE [HEAD])");
  return [await source(args.old, ctx), await source(args.new, ctx)];
}

/**
 * The flake's directory from the repository root: a lock named from the root (`/dir/flake.lock`)
 * says it; one named from the working directory adds the directory's place in the repository.
 */
async function flakeDirOf(lockPath: string, ctx: CommandContext): Promise<string> {
  const dir = (p: string): string => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");
  if (lockPath.startsWith("/")) return dir(lockPath.slice(1));
  const { gitPrefix } = await import("../../adapters/git-workspace.js");
  const prefix = await gitPrefix(ctx.io.cwd);
  return [prefix, dir(lockPath.replace(/^\.\//, ""))].filter((p) => p !== "").join("/");
}

export async function handler(args: DiffArgs, ctx: CommandContext): Promise<Outcome> {
  const [oldSrc, newSrc] = await lockSources(args, ctx);
  if ((args.closureOld === undefined) !== (args.closureNew === undefined))
    throw new UsageError("--closure-old and --closure-new go together");
  if (args.installable.length > 0 && !("git" in oldSrc && "git" in newSrc))
    throw new UsageError("--installable evaluates commits: give the locks as --git BASE [HEAD] or REV:PATH");
  const impact = await impactFlags(args, ctx);
  const { diffUseCase } = await import("../../app/diff.js");
  // octokit loads only when GitHub is asked (not with --lock-only).
  const github = () => import("../github-wiring.js");
  const w = ctx.wiring(args.timeout);
  const now = () => Date.now();
  const report = await diffUseCase(
    {
      old: oldSrc,
      new: newSrc,
      ...(args.closureOld !== undefined && args.closureNew !== undefined
        ? { closureOld: args.closureOld, closureNew: args.closureNew }
        : {}),
      lockOnly: args.lockOnly,
      offline: args.offline,
      enterpriseHosts: args.githubHost,
      tool: w.tool,
      now: parseNow(args.now) ?? w.now,
      ...(impact !== undefined && "git" in oldSrc && "git" in newSrc
        ? {
            impact: {
              ...impact.request,
              repoDir: ctx.io.cwd,
              flakeDir: await flakeDirOf(newSrc.git.path, ctx),
              old: oldSrc.git.rev,
              new: newSrc.git.rev,
            },
          }
        : {}),
    },
    w.files,
    () => w.nix(),
    {
      provenance: async () => (await github()).githubSource(args, ctx.env, ctx.io, now, w.tool.version),
      compare: async () => (await github()).githubCompare(args, ctx.env, now, w.tool.version, ctx.io),
    },
    () => impact?.evaluator,
  );
  const render = await RENDERERS.diff[args.format]();
  await ctx.write(
    render(report, {
      color: args.output === undefined && useColor(ctx.io, ctx.env),
      width: textWidth(ctx.io, args.output),
    }),
    args.output,
  );
  // An installable nix could not evaluate is missing data whatever GitHub was asked: --lock-only and
  // --offline choose not to ask GitHub, not to go without the evaluation, so the run stays incomplete.
  const evaluationFailed = report.impact?.installables.some((i) => i.status === "failed") === true;
  return outcome({
    severities: report.findings.map((f) => f.severity),
    failOn: args.failOn,
    incomplete: report.gaps.length > 0,
    upstream: evaluationFailed ? "online" : upstreamMode(args),
  });
}
