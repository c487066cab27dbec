import { appendFile, readFile } from "node:fs/promises";
import type { Argv } from "yargs";
import { UsageError } from "../../app/errors.js";
import type { CommandContext } from "../context.js";
import { failsOn, type FailOn } from "./fail-on.js";
import { timeoutOption, upstreamOptions, type UpstreamArgs } from "./github-options.js";
import { envFlag, failOnOption, lockOnlyOption, nowOption, parseNow } from "./shared-options.js";

export const command = "pr-review";
export const describe =
  "In a pull request: diff every changed flake.lock, write the job summary, keep one sticky comment";

export function builder(y: Argv, ctx: CommandContext): Argv {
  return timeoutOption(upstreamOptions(y, ctx.env), ctx.env)
    .option("base", {
      type: "string",
      describe: "base revision (default: the pull request's base sha from GITHUB_EVENT_PATH)",
    })
    .option("head", { type: "string", describe: "head revision (default: the pull request's head sha)" })
    .option("pr", { type: "number", describe: "pull request number (default: from GITHUB_EVENT_PATH)" })
    .option("repo", { type: "string", describe: "owner/name (default: GITHUB_REPOSITORY)" })
    .option("comment", {
      type: "boolean",
      default: !envFlag(ctx.env, "no-comment"),
      describe: "create or update the sticky comment (--no-comment to skip)",
    })
    .option("lock-only", lockOnlyOption(ctx.env))
    .option("fail-on", failOnOption(ctx.env, "none"))
    .option("now", nowOption("the time ages are counted to (ISO 8601)"));
}

export interface PrReviewArgs extends UpstreamArgs {
  readonly base?: string;
  readonly head?: string;
  readonly pr?: number;
  readonly repo?: string;
  readonly comment: boolean;
  readonly lockOnly: boolean;
  readonly failOn: FailOn;
  readonly now?: string;
}

async function eventOf(path: string | undefined): Promise<{ base?: string; head?: string; pr?: number }> {
  if (path === undefined || path === "") return {};
  try {
    const e = JSON.parse(await readFile(path, "utf8")) as {
      pull_request?: { number?: number; base?: { sha?: string }; head?: { sha?: string } };
    };
    const pr = e.pull_request;
    return {
      ...(pr?.base?.sha !== undefined ? { base: pr.base.sha } : {}),
      ...(pr?.head?.sha !== undefined ? { head: pr.head.sha } : {}),
      ...(pr?.number !== undefined ? { pr: pr.number } : {}),
    };
  } catch {
    throw new UsageError(`cannot read the event in GITHUB_EVENT_PATH (${path})`);
  }
}

export async function handler(args: PrReviewArgs, ctx: CommandContext): Promise<number> {
  const event = await eventOf(ctx.env["GITHUB_EVENT_PATH"]);
  const base = args.base ?? event.base;
  const head = args.head ?? event.head ?? "HEAD";
  if (base === undefined) throw new UsageError("no base revision: pass --base, or run on a pull_request event");
  const { reviewPullRequest, upsertStickyComment } = await import("../../app/pr-review.js");
  const { gitCli } = await import("../../adapters/git.js");
  const { renderDiffMarkdown } = await import("../../render/diff/markdown.js");
  const { githubSource, githubCompare, githubServerClient } = await import("../github-wiring.js");
  const { githubComments } = await import("../../adapters/github/comments.js");
  const w = ctx.wiring(args.timeout);
  const now = () => Date.now();
  const review = await reviewPullRequest(
    {
      base,
      head,
      lockOnly: args.lockOnly,
      offline: args.offline,
      enterpriseHosts: args.githubHost,
      tool: w.tool,
      now: parseNow(args.now) ?? w.now,
    },
    w.files,
    gitCli(ctx.io.cwd),
    () => w.nix(),
    {
      provenance: () => githubSource(args, ctx.env, ctx.io, now, w.tool.version),
      compare: () => githubCompare(args, ctx.env, now, w.tool.version, ctx.io),
    },
    renderDiffMarkdown,
  );
  await ctx.write(review.markdown, undefined);
  const summary = ctx.env["GITHUB_STEP_SUMMARY"];
  if (summary !== undefined && summary !== "") await appendFile(summary, review.markdown);
  const pr = args.pr ?? event.pr;
  const repo = args.repo ?? ctx.env["GITHUB_REPOSITORY"];
  if (args.comment && pr !== undefined && repo !== undefined && review.reports.length > 0) {
    const [owner, name] = repo.split("/");
    if (owner === undefined || name === undefined) throw new UsageError(`--repo must be owner/name, found '${repo}'`);
    const result = await upsertStickyComment(
      githubComments(githubServerClient(args, ctx.env, w.tool.version), owner, name, pr),
      review.markdown,
    );
    w.log.info(`${result.created ? "created" : "updated"} comment ${result.id}`);
  }
  const findings = review.reports.flatMap((r) => r.report.findings);
  if (failsOn(findings, args.failOn)) return 1;
  return !args.offline && review.reports.some((r) => r.report.gaps.length > 0) ? 4 : 0;
}
