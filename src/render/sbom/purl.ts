import { PackageURL } from "packageurl-js";
import type { SourceRef } from "../../domain/lock/source-ref.js";
import { toBase16 } from "../../domain/nix/hash.js";
import { nameSource, lastSegment, type SourceIdentity } from "../../domain/lock/source-name.js";
import { nameFromUrl } from "../../domain/lock/url-name.js";

/** Splits a git URL into purl `git` namespace (host and leading path) and name, or nothing for local URLs. */
function gitCoordinates(url: string): { namespace: string; name: string } | undefined {
  const m =
    /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]+)(?::\d+)?(\/[^?#]*)/i.exec(url) ??
    /^[^@/]+@([^:/]+):([^?#]*)/.exec(url);
  const [, host, path] = m ?? [];
  if (host === undefined || path === undefined || url.startsWith("file:")) return undefined;
  const parts = path.split("/").filter((p) => p !== "");
  const name = parts.pop()?.replace(/\.git$/, "");
  if (name === undefined || name === "") return undefined;
  return { namespace: [host, ...parts].join("/"), name };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The package URL of a locked source, following the purl spec's current types: `github` for GitHub,
 * `git` for other git forges and git URLs, `generic` with `download_url`/`vcs_url` and `checksum`
 * otherwise. Path, indirect and unknown inputs have none.
 */
export function purlOf(s: SourceRef, id: SourceIdentity = nameSource(s)): string | undefined {
  const purl = purlText(s, id);
  // The purl spec leaves ':' unencoded everywhere (`checksum=sha256:…`, `download_url=https:%2F%2F…`);
  // packageurl-js encodes it. A literal "%3A" in the input was encoded to "%253A", so this is exact.
  return purl?.replace(/%3A/g, ":");
}

/** `id` is the source's name, which the caller has usually computed already (the component's). */
function purlText(s: SourceRef, id: SourceIdentity): string | undefined {
  const version = s.rev ?? id.version;
  const checksum = s.narHash !== undefined ? `sha256:${toBase16(s.narHash.bytes)}` : undefined;
  switch (s.type) {
    case "github": {
      const q = s.host !== undefined && s.host !== "github.com" ? { repository_url: `https://${s.host}` } : undefined;
      return new PackageURL("github", s.owner, s.repo, s.rev ?? null, q ?? null, s.dir ?? null).toString();
    }
    case "gitlab":
    case "sourcehut": {
      const host = s.host ?? (s.type === "gitlab" ? "gitlab.com" : "git.sr.ht");
      return new PackageURL(
        "git",
        `${host}/${safeDecode(s.owner)}`,
        s.repo,
        s.rev ?? null,
        null,
        s.dir ?? null,
      ).toString();
    }
    case "git": {
      const c = gitCoordinates(s.url);
      if (c !== undefined)
        return new PackageURL("git", c.namespace, c.name, s.rev ?? null, null, s.dir ?? null).toString();
      return new PackageURL(
        "generic",
        null,
        lastSegment(s.url),
        version ?? null,
        { vcs_url: `git+${s.url}` },
        null,
      ).toString();
    }
    case "hg":
      return new PackageURL(
        "generic",
        null,
        lastSegment(s.url),
        version ?? null,
        { vcs_url: `hg+${s.url}` },
        null,
      ).toString();
    case "tarball":
    case "file": {
      const gh = s.type === "tarball" ? nameFromUrl(s.url) : undefined;
      if (gh?.github !== undefined)
        return new PackageURL(
          "github",
          gh.github.owner,
          gh.github.repo,
          gh.version ?? null,
          null,
          s.dir ?? null,
        ).toString();
      const q: Record<string, string> = { download_url: s.url };
      if (checksum !== undefined) q["checksum"] = checksum;
      return new PackageURL("generic", id.group ?? null, id.name, id.version ?? null, q, null).toString();
    }
    default:
      return undefined;
  }
}
