import { PackageURL } from "packageurl-js";
import type { ForgeSource, SourceRef } from "../../domain/lock/source-ref.js";
import { toBase16 } from "../../domain/nix/hash.js";
import { lastSegment, nameSource, namedSegments, type SourceIdentity } from "../../domain/lock/source-name.js";
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
 * otherwise; `generic` named by the directory for `path` inputs (below). Indirect and unknown inputs
 * have none. `inputName` (the input's own name) names a path input whose path has no name of its own
 * (`path:../..`).
 */
export function purlOf(s: SourceRef, id: SourceIdentity = nameSource(s), inputName?: string): string | undefined {
  const purl = s.type === "path" ? pathPurl(s, id, inputName) : purlText(s, id);
  // The purl spec leaves ':' unencoded everywhere (`checksum=sha256:…`, `download_url=https:%2F%2F…`);
  // packageurl-js encodes it. A literal "%3A" in the input was encoded to "%253A", so this is exact.
  return purl?.replace(/%3A/g, ":");
}

/** Characters percent-encoding leaves alone: a purl part made of only these is written as it is. */
const PLAIN = /^[A-Za-z0-9._~-]+$/;

/**
 * The purl of a github.com source whose owner, repo and rev need no encoding (nearly every GitHub
 * input), written directly: what packageurl-js prints for it (the github type lowercases namespace
 * and name), at a fraction of the cost. test/render/sbom/purl.test.ts holds the two equal.
 */
function plainGithubPurl(s: ForgeSource): string | undefined {
  if ((s.host !== undefined && s.host !== "github.com") || s.dir !== undefined) return undefined;
  if (!PLAIN.test(s.owner) || !PLAIN.test(s.repo) || (s.rev !== undefined && !PLAIN.test(s.rev))) return undefined;
  const base = `pkg:github/${s.owner.toLowerCase()}/${s.repo.toLowerCase()}`;
  return s.rev !== undefined ? `${base}@${s.rev}` : base;
}

/** `id` is the source's name, which the caller has usually computed already (the component's). */
function purlText(s: SourceRef, id: SourceIdentity): string | undefined {
  const version = s.rev ?? id.version;
  switch (s.type) {
    case "github": {
      const plain = plainGithubPurl(s);
      if (plain !== undefined) return plain;
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
      if (s.narHash !== undefined) q["checksum"] = `sha256:${toBase16(s.narHash.bytes)}`;
      return new PackageURL("generic", id.group ?? null, id.name, id.version ?? null, q, null).toString();
    }
    default:
      return undefined;
  }
}

/**
 * A `path` input has no registry and no download location (a store path exists only where it was
 * locked), so it is `generic`, which the purl spec keeps for what fits nowhere else and whose name
 * "in the worst case can be a file or directory name". Its content identity is the narHash, as a
 * `checksum` qualifier (hex, as for tarballs) with the rev or lastModified date as version: a
 * registry copy (`path:/nix/store/…-source` with a rev) is pinned as firmly as a tarball. A path
 * without a narHash (a relative `path:` input, part of its parent's source) has no content identity of
 * its own: the purl names it and nothing more (`pathIdentityNote` says why, beside it).
 */
function pathPurl(s: SourceRef & { type: "path" }, id: SourceIdentity, inputName?: string): string | undefined {
  const name = hasName(s.path) ? id.name : inputName !== undefined ? lastSegment(inputName) : undefined;
  if (name === undefined || name === "") return undefined;
  const hashed = s.narHash !== undefined;
  const q = hashed ? { checksum: `sha256:${toBase16(s.narHash.bytes)}` } : null;
  return new PackageURL("generic", null, name, hashed ? (id.version ?? null) : null, q, null).toString();
}

/** Whether a path has a segment to be named by (`../..` and `.` have none). */
const hasName = (path: string): boolean => namedSegments(path).length > 0;

/** Why a path input's purl carries no version or checksum, or nothing when it has them. */
export function pathIdentityNote(s: SourceRef): string | undefined {
  if (s.type !== "path" || s.narHash !== undefined) return undefined;
  return s.path.startsWith("/")
    ? "name only: an absolute path input without a narHash has no content identity (nothing pins its bytes)"
    : "name only: a relative path input has no narHash of its own; its files are part of the source flake-audit:relative_to names (the flake itself for (root)) and are pinned with it";
}

/** The purl string of purl parts (domain/packages), as the spec encodes them; undefined if packageurl-js rejects them. */
export function purlFromParts(p: {
  readonly type: string;
  readonly namespace?: string;
  readonly name: string;
  readonly version?: string;
  readonly qualifiers?: readonly (readonly [string, string])[];
  readonly subpath?: string;
}): string | undefined {
  try {
    const qualifiers = p.qualifiers !== undefined ? Object.fromEntries(p.qualifiers) : undefined;
    const text = new PackageURL(p.type, p.namespace, p.name, p.version, qualifiers, p.subpath).toString();
    return text.replace(/%3A/g, ":");
  } catch {
    return undefined;
  }
}
