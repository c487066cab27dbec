/**
 * Names and versions read from the URL of a `tarball` or `file` input, so SBOM consumers can match
 * them: `https://github.com/O/R/archive/REV.tar.gz` is O/R at REV, not a file called `REV.tar.gz`.
 */
export interface UrlName {
  readonly group?: string;
  readonly name: string;
  readonly version?: string;
  /** Set for GitHub archive URLs: the source is that repository at `version`. */
  readonly github?: { readonly owner: string; readonly repo: string };
}

const ARCHIVE_EXT = /\.(?:zip|tar|tgz|tar\.gz|tar\.xz|tar\.bz2|tar\.zst)$/;
const FLAKEHUB = /^https:\/\/(?:api\.)?flakehub\.com\/f\/(?:pinned\/)?([^/]+)\/([^/]+)\/([^/?#]+)/;
const GITHUB_ARCHIVE = /^https?:\/\/github\.com\/([^/?#]+)\/([^/?#]+)\/archive\/(?:refs\/(?:tags|heads)\/)?([^?#]+)$/i;
// Gitea/Forgejo API archives (`/api/v1/repos/O/R/archive/REV.tar.gz`) and GitLab's (`/O/R/-/archive/REV/…`).
const FORGE_ARCHIVE = [
  /^https?:\/\/[^/]+\/api\/v1\/repos\/([^/?#]+)\/([^/?#]+)\/archive\/([^/?#]+)$/,
  /^https?:\/\/[^/]+\/(.+)\/([^/?#]+)\/-\/archive\/([^/?#]+)\/[^/?#]+$/,
];
/** A path segment that is a release version (`v3.21.1`, `0.1.377+rev-…`, `2.23.3`) or a commit. */
const VERSION = /^(?:v?\d+(?:\.\d+)+(?:[-+~_.][0-9A-Za-z.+~_-]*)?|[0-9a-f]{40})$/;
/** `nixos-26.05.3494.714a5f8c4ead`, `tool-1.0`: Nix's name-version split (first "-" before a digit). */
const NAME_VERSION = /^(.+?)-(v?\d[0-9A-Za-z.+~_-]*)$/;
// Segments that say how a release is addressed rather than what it is.
const NOT_A_NAME = new Set(["tag", "tags", "rev", "revs", "release", "releases", "download", "downloads", "dl"]);

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const withoutQuery = (url: string): string => url.split(/[?#]/, 1)[0] ?? url;
const stripExt = (s: string): string => s.replace(ARCHIVE_EXT, "");

function forgeArchive(path: string): UrlName | undefined {
  const gh = GITHUB_ARCHIVE.exec(path);
  if (gh !== null && ARCHIVE_EXT.test(gh[3] ?? "")) {
    const [owner, repo, rev] = [decode(gh[1] ?? ""), decode(gh[2] ?? ""), decode(stripExt(gh[3] ?? ""))];
    return { group: owner, name: repo, version: rev, github: { owner, repo } };
  }
  for (const re of FORGE_ARCHIVE) {
    const m = re.exec(path);
    if (m !== null)
      return { group: decode(m[1] ?? ""), name: decode(m[2] ?? ""), version: decode(stripExt(m[3] ?? "")) };
  }
  return undefined;
}

/** The last segment that names a version, and the name before it; undefined when the path has none. */
function versionedSegment(segments: readonly string[]): UrlName | undefined {
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i] ?? "";
    const nv = NAME_VERSION.exec(seg);
    if (nv !== null && !VERSION.test(seg)) return { name: nv[1] ?? seg, version: nv[2] ?? "" };
    if (VERSION.test(seg)) {
      const name = segments.slice(0, i).findLast((s) => !NOT_A_NAME.has(s.toLowerCase()));
      if (name !== undefined) return { name, version: seg };
    }
  }
  return undefined;
}

/** Name, group and version of an archive or file URL, when the URL says them. */
export function nameFromUrl(url: string): UrlName | undefined {
  const hub = FLAKEHUB.exec(url);
  // FlakeHub URLs carry the release version, which says more to people than the commit.
  if (hub !== null)
    return { group: decode(hub[1] ?? ""), name: decode(hub[2] ?? ""), version: decode(stripExt(hub[3] ?? "")) };
  const path = withoutQuery(url);
  const archive = forgeArchive(path);
  if (archive !== undefined) return archive;
  const segments = path
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "")
    .split("/")
    .filter((s) => s !== "" && s !== "." && s !== "..")
    .map((s, i, all) => decode(i === all.length - 1 ? stripExt(s) : s));
  return versionedSegment(segments);
}
