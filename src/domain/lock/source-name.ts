import { assertNever } from "../result.js";
import { forgeHost, type SourceRef } from "./source-ref.js";
import { isoDate } from "../time.js";
import { nameFromUrl } from "./url-name.js";

/** How a source is named to people and SBOM consumers: `{ group: "NixOS", name: "nixpkgs", version: "5e2a59a…" }`. */
export interface SourceIdentity {
  readonly group?: string;
  readonly name: string;
  readonly version?: string;
  /** Repository URL for people (`https://github.com/NixOS/nixpkgs`), when there is one. */
  readonly vcsUrl?: string;
  /** Where the fetched bytes come from, when that is a URL. */
  readonly downloadUrl?: string;
}

// Forges whose URLs are https://HOST/OWNER/REPO (GitLab hosts allow OWNER/SUBGROUP/REPO).
export const KNOWN_FORGES: ReadonlySet<string> = new Set([
  "github.com",
  "gitlab.com",
  "codeberg.org",
  "git.sr.ht",
  "hg.sr.ht",
  "bitbucket.org",
  "gitea.com",
  "framagit.org",
  "salsa.debian.org",
  "gitlab.gnome.org",
  "gitlab.freedesktop.org",
  "invent.kde.org",
  "git.lix.systems",
]);

function decode(s: string): string {
  if (!s.includes("%")) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A path's segments that name something (not empty, `.` or `..`). */
export const namedSegments = (path: string): string[] =>
  path.split("/").filter((p) => p !== "" && p !== "." && p !== "..");

/** The last meaningful path segment of a URL or path, without `.git`. */
export function lastSegment(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? url;
  const parts = namedSegments(path);
  const last = parts[parts.length - 1] ?? path;
  return decode(last.replace(/\.git$/, "")) || url;
}

/** A git or hg URL's name, with the owner as group on a known forge (`https://codeberg.org/O/R.git`). */
function gitName(url: string): { group?: string; name: string } {
  const name = lastSegment(url);
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#]*@)?([^/:?#]+)(?::\d+)?\/([^?#]*)/i.exec(url);
  if (m === null || !KNOWN_FORGES.has((m[1] ?? "").toLowerCase())) return { name };
  const parts = (m[2] ?? "").split("/").filter((p) => p !== "");
  return parts.length >= 2 ? { group: parts.slice(0, -1).map(decode).join("/"), name } : { name };
}

function versionOf(s: SourceRef): string | undefined {
  if (s.rev !== undefined) return s.rev;
  if (s.lastModified !== undefined) return isoDate(s.lastModified);
  return undefined;
}

/** `original` (the flake.nix reference) names registry-resolved path inputs. */
export function nameSource(s: SourceRef, original?: SourceRef): SourceIdentity {
  const version = versionOf(s);
  const v = version !== undefined ? { version } : {};
  switch (s.type) {
    case "github":
    case "gitlab":
    case "sourcehut": {
      const owner = decode(s.owner);
      const base = `https://${forgeHost(s)}/${owner}/${s.repo}`;
      // Built field by field (not spread): an SBOM names every input, thousands of them.
      const id: { -readonly [K in keyof SourceIdentity]: SourceIdentity[K] } = { group: owner, name: s.repo };
      if (version !== undefined) id.version = version;
      id.vcsUrl = base;
      if (s.type === "github" && s.rev !== undefined) id.downloadUrl = `${base}/archive/${s.rev}.tar.gz`;
      else if (s.type === "gitlab" && s.rev !== undefined)
        id.downloadUrl = `${base}/-/archive/${s.rev}/${s.repo}-${s.rev}.tar.gz`;
      return id;
    }
    case "git":
    case "hg":
      return { ...gitName(s.url), ...v, vcsUrl: s.url };
    case "tarball":
    case "file": {
      const named = nameFromUrl(s.url);
      if (named === undefined) return { name: lastSegment(s.url), ...v, downloadUrl: s.url };
      const vcs =
        named.github !== undefined ? { vcsUrl: `https://github.com/${named.github.owner}/${named.github.repo}` } : {};
      return {
        ...(named.group !== undefined ? { group: named.group } : {}),
        name: named.name,
        ...(named.version !== undefined ? { version: named.version } : v),
        ...vcs,
        downloadUrl: s.url,
      };
    }
    case "path":
      // A registry-resolved input (`nixpkgs` fetched to /nix/store/…-source) is named by its registry id.
      if (s.path.startsWith("/nix/store/") && original?.type === "indirect") return { name: original.id, ...v };
      return { name: lastSegment(s.path), ...v };
    case "indirect":
      return { name: s.id, ...v };
    case "unknown":
      return { name: typeof s.attrs["url"] === "string" ? lastSegment(s.attrs["url"]) : s.declaredType, ...v };
    default:
      return assertNever(s);
  }
}
