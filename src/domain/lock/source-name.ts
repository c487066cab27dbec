import { assertNever } from "../result.js";
import { forgeHost, type SourceRef } from "./source-ref.js";
import { isoDate } from "../time.js";

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

const FLAKEHUB = /^https:\/\/(?:api\.)?flakehub\.com\/f\/(?:pinned\/)?([^/]+)\/([^/]+)\/([^/]+)/;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The last meaningful path segment of a URL or path, without `.git`. */
export function lastSegment(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? url;
  const parts = path.split("/").filter((p) => p !== "" && p !== "." && p !== "..");
  const last = parts[parts.length - 1] ?? path;
  return decode(last.replace(/\.git$/, "")) || url;
}

function versionOf(s: SourceRef): string | undefined {
  if (s.rev !== undefined) return s.rev;
  if (s.lastModified !== undefined) return isoDate(s.lastModified);
  return undefined;
}

export function nameSource(s: SourceRef): SourceIdentity {
  const version = versionOf(s);
  const v = version !== undefined ? { version } : {};
  switch (s.type) {
    case "github":
    case "gitlab":
    case "sourcehut": {
      const owner = decode(s.owner);
      const base = `https://${forgeHost(s)}/${owner}/${s.repo}`;
      const archive =
        s.type === "github" && s.rev !== undefined
          ? `${base}/archive/${s.rev}.tar.gz`
          : s.type === "gitlab" && s.rev !== undefined
            ? `${base}/-/archive/${s.rev}/${s.repo}-${s.rev}.tar.gz`
            : undefined;
      return {
        group: owner,
        name: s.repo,
        ...v,
        vcsUrl: base,
        ...(archive !== undefined ? { downloadUrl: archive } : {}),
      };
    }
    case "git":
    case "hg":
      return { name: lastSegment(s.url), ...v, vcsUrl: s.url };
    case "tarball":
    case "file": {
      const hub = FLAKEHUB.exec(s.url);
      // FlakeHub URLs carry the release version, which says more to people than the commit.
      if (hub !== null)
        return {
          group: decode(hub[1]!),
          name: decode(hub[2]!),
          version: decode(hub[3]!).replace(/\.tar\.gz$/, ""),
          downloadUrl: s.url,
        };
      return { name: lastSegment(s.url), ...v, downloadUrl: s.url };
    }
    case "path":
      return { name: lastSegment(s.path), ...v };
    case "indirect":
      return { name: s.id, ...v };
    case "unknown":
      return { name: typeof s.attrs["url"] === "string" ? lastSegment(s.attrs["url"]) : s.declaredType, ...v };
    default:
      return assertNever(s);
  }
}
