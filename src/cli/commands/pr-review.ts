import { appendFile } from "node:fs/promises";
import type { Argv } from "yargs";
import { UpstreamUnavailableError, UsageError } from "../../app/errors.js";
import type { CommandContext } from "../context.js";
import { GATE_EXIT_CODES, type IncompleteMeaning } from "../exit-codes.js";
import { outcome, upstreamMode, type Outcome } from "../outcome.js";
import type { FailOn } from "./fail-on.js";
import { timeoutOption, upstreamOptions, type UpstreamArgs } from "./github-options.js";
import { type ImpactArgs, impactFlags, impactOptions } from "./impact-options.js";
import { envFlag, failOnOption, lockOnlyOption, nowOption, parseNow } from "./shared-options.js";

export const command = "pr-review";
export const describe =
  "In a pull request: diff every changed flake.lock, write the job summary, keep one sticky comment";

export const exitCodes = GATE_EXIT_CODES;

/** What exit 4 means here (cli/exit-codes.ts adds the flags that rule it out). */
export const incomplete: IncompleteMeaning = {
  what: "the comment could not be posted, GitHub could not answer for a diff, or an --installable failed to evaluate",
  neverFor: "for GitHub's answers to a diff",
};

export function builder<T>(y: Argv<T>, ctx: CommandContext) {
  return impactOptions(timeoutOption(upstreamOptions(y, ctx.env), ctx.env))
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
    .option("comment-author", {
      type: "string",
      default: ctx.env["FLAKE_AUDIT_COMMENT_AUTHOR"] || "github-actions[bot]",
      describe: "the login flake-audit comments as: only its comment is updated (env FLAKE_AUDIT_COMMENT_AUTHOR)",
    })
    .option("lock-only", lockOnlyOption(ctx.env))
    .option("fail-on", failOnOption(ctx.env, "none"))
    .option("now", nowOption("the time ages are counted to (ISO 8601)"));
}

export interface PrReviewArgs extends UpstreamArgs, ImpactArgs {
  readonly base?: string | undefined;
  readonly head?: string | undefined;
  readonly pr?: number | undefined;
  readonly repo?: string | undefined;
  readonly comment: boolean;
  readonly commentAuthor: string;
  readonly lockOnly: boolean;
  readonly failOn: FailOn;
  readonly now?: string | undefined;
}

export async function handler(args: PrReviewArgs, ctx: CommandContext): Promise<Outcome> {
  const event = await (await import("../github-wiring.js")).readGithubEvent(ctx.env["GITHUB_EVENT_PATH"]);
  const base = args.base ?? event.base;
  const head = args.head ?? event.head ?? "HEAD";
  if (base === undefined) throw new UsageError("no base revision: pass --base, or run on a pull_request event");
  const impact = await impactFlags(args, ctx);
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
      ...(impact !== undefined
        ? {
            impact: {
              ...impact.request,
              repoDir: ctx.io.cwd,
            },
          }
        : {}),
    },
    w.files,
    gitCli(ctx.io.cwd),
    () => w.nix(),
    {
      provenance: async () => githubSource(args, ctx.env, ctx.io, now, w.tool.version),
      compare: async () => githubCompare(args, ctx.env, now, w.tool.version, ctx.io),
    },
    renderDiffMarkdown,
    () => impact?.evaluator,
  );
  await ctx.write(review.markdown, undefined);
  const summary = ctx.env["GITHUB_STEP_SUMMARY"];
  if (summary !== undefined && summary !== "") await appendFile(summary, review.markdown);
  const pr = args.pr ?? event.pr;
  const repo = args.repo ?? ctx.env["GITHUB_REPOSITORY"];
  let commentFailed = false;
  if (args.comment && pr !== undefined && repo !== undefined && review.reports.length > 0) {
    const [owner, name] = repo.split("/");
    if (owner === undefined || name === undefined) throw new UsageError(`--repo must be owner/name, found '${repo}'`);
    const comments = githubComments(githubServerClient(args, ctx.env, w.tool.version, ctx.io), owner, name, pr);
    try {
      const result = await upsertStickyComment(comments, review.markdown, args.commentAuthor);
      w.log.info(`${result.created ? "created" : "updated"} comment ${result.id}`);
    } catch (e) {
      // The report is out (stdout, job summary); a comment GitHub did not take is an incomplete upstream.
      if (!(e instanceof UpstreamUnavailableError)) throw e;
      w.log.warn(e.message);
      commentFailed = true;
    }
  }
  return outcome({
    severities: review.reports.flatMap((r) => r.report.findings.map((f) => f.severity)),
    failOn: args.failOn,
    incomplete: commentFailed || review.reports.some((r) => r.report.gaps.length > 0),
    // The comment is always sent online, and nix evaluates whatever the upstream mode: a comment not
    // taken or an installable not evaluated is an incomplete run even with --lock-only.
    upstream:
      commentFailed || review.reports.some((r) => r.report.impact?.installables.some((i) => i.status === "failed"))
        ? "online"
        : upstreamMode(args),
  });
}
