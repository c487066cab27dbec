import type { DiffReport } from "../domain/diff/report.js";
import type { ToolInfo } from "../domain/report.js";
import { diffUseCase, type LockSource, type Upstreams } from "./diff.js";
import type { Files, Git, NixStore, PullRequestComments } from "./ports.js";
import type { ImpactRequest } from "./impact.js";
import type { InstallableEvaluator } from "./installable-ports.js";

/** --installable in a pull request: the flake beside each changed lock, at base and head. */
export type PrImpact = Omit<ImpactRequest, "old" | "new" | "flakeDir">;

/** The hidden marker that finds flake-audit's own comment again. */
export const STICKY_MARKER = "<!-- flake-audit:lock-diff -->";

export interface PrReviewRequest {
  readonly base: string;
  readonly head: string;
  readonly lockOnly: boolean;
  readonly offline: boolean;
  readonly enterpriseHosts: readonly string[];
  readonly tool: ToolInfo;
  readonly now: Date;
  readonly impact?: PrImpact;
}

export interface PrReview {
  readonly reports: ReadonlyArray<{ readonly lock: string; readonly report: DiffReport }>;
  /** The Markdown for the job summary and the comment (the marker added for the comment). */
  readonly markdown: string;
}

/** Diffs every flake.lock a pull request changes. */
export async function reviewPullRequest(
  req: PrReviewRequest,
  files: Files,
  git: Git,
  nix: () => NixStore,
  up: Upstreams,
  render: (r: DiffReport, opts: { readonly lock?: string }) => string,
  evaluator?: () => InstallableEvaluator | undefined,
): Promise<PrReview> {
  const locks = await git.changedLocks(req.base, req.head);
  const reports: Array<{ lock: string; report: DiffReport }> = [];
  for (const lock of locks) {
    // git diff names paths from the repository's root; "/" tells readGitFile so. A lock the pull
    // request adds or deletes is diffed against no lock at all.
    const side = async (rev: string): Promise<LockSource> =>
      (await git.hasFile(rev, lock)) ? { git: { rev, path: `/${lock}` } } : { none: `${rev}:${lock} (absent)` };
    const report = await diffUseCase(
      {
        old: await side(req.base),
        new: await side(req.head),
        lockOnly: req.lockOnly,
        offline: req.offline,
        enterpriseHosts: req.enterpriseHosts,
        tool: req.tool,
        now: req.now,
        ...(req.impact !== undefined
          ? {
              impact: {
                ...req.impact,
                old: req.base,
                new: req.head,
                // git names the lock from the repository's root: its directory is the flake's.
                flakeDir: lock.includes("/") ? lock.slice(0, lock.lastIndexOf("/")) : "",
              },
            }
          : {}),
      },
      files,
      nix,
      up,
      evaluator,
    );
    reports.push({ lock, report });
  }
  // One heading per lock: with several, the renderer names each lock in its own heading.
  const sections = reports.map(({ lock, report }) => render(report, reports.length > 1 ? { lock } : {}));
  const markdown = sections.length > 0 ? sections.join("\n") : "No flake.lock changes in this pull request.\n";
  return { reports, markdown };
}

/** The identity flake-audit comments as in GitHub Actions (the workflow's GITHUB_TOKEN). */
export const DEFAULT_COMMENT_AUTHOR = "github-actions[bot]";

/**
 * Creates flake-audit's comment, or updates it when one with the marker exists: one comment per PR.
 * Only a comment written by `author` is updated: anyone can write the marker into a comment of
 * their own, and flake-audit must not end up editing (and vouching for) theirs.
 */
export async function upsertStickyComment(
  comments: PullRequestComments,
  markdown: string,
  author: string = DEFAULT_COMMENT_AUTHOR,
): Promise<{ id: number; created: boolean }> {
  const body = `${STICKY_MARKER}\n${markdown}`;
  const login = author.toLowerCase();
  const mine = (await comments.list()).find((c) => c.author?.toLowerCase() === login && c.body.includes(STICKY_MARKER));
  if (mine !== undefined) return { id: (await comments.update(mine.id, body)).id, created: false };
  return { id: (await comments.create(body)).id, created: true };
}
