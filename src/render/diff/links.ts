import type { DiffChange } from "../../domain/diff/report.js";
import type { LockedSide } from "../../domain/diff/lock-diff.js";
import { flakehubRelease, releasePage } from "./flakehub.js";

/**
 * Links a lock-only report can give without asking any API: GitHub compare and commit pages and
 * FlakeHub release pages, built only from owner, repository, rev and version that pass strict
 * patterns, so nothing from the lock can shape the URL beyond those fields.
 */
export interface ChangeLink {
  readonly label: "compare" | "commit" | "release";
  readonly url: string;
}

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const REV = /^[0-9a-f]{40}$/;

function githubPin(s: LockedSide | undefined): { owner: string; repo: string; rev: string } | undefined {
  if (s?.type !== "github" || s.follows !== undefined) return undefined;
  const { owner, repo, host } = s.attrs;
  if (host !== undefined && String(host).toLowerCase() !== "github.com") return undefined;
  if (typeof owner !== "string" || typeof repo !== "string" || s.rev === undefined) return undefined;
  return NAME.test(owner) && NAME.test(repo) && REV.test(s.rev) && !/^\.+$/.test(repo)
    ? { owner, repo, rev: s.rev }
    : undefined;
}

export function changeLink(c: DiffChange): ChangeLink | undefined {
  const [a, b] = [githubPin(c.old), githubPin(c.new)];
  if (
    a !== undefined &&
    b !== undefined &&
    a.rev !== b.rev &&
    `${a.owner}/${a.repo}`.toLowerCase() === `${b.owner}/${b.repo}`.toLowerCase()
  )
    return { label: "compare", url: `https://github.com/${b.owner}/${b.repo}/compare/${a.rev}...${b.rev}` };
  const one = b ?? (c.new === undefined ? a : undefined);
  if (one !== undefined)
    return { label: "commit", url: `https://github.com/${one.owner}/${one.repo}/commit/${one.rev}` };
  const release = flakehubRelease(c.new ?? c.old);
  return release !== undefined ? { label: "release", url: releasePage(release) } : undefined;
}

/**
 * A link target that cannot break out of `(…)` or smuggle a scheme: https only, and every character
 * outside a conservative URL set percent-encoded. Anything else is shown as code, not linked.
 */
export function linkTarget(url: string): string | undefined {
  if (!/^https:\/\/[^\s/]/i.test(url)) return undefined;
  // encodeURIComponent leaves ( ) ' ! * alone, which end or decorate a Markdown link: those get %XX by hand.
  return url.replace(/[^A-Za-z0-9\-._~:/?#$&+,;=%]/gu, (c) =>
    "()'!*".includes(c) ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : encodeURIComponent(c),
  );
}
