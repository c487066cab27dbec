import type { PurlParts, SourceHash } from "./model.js";
import { canonicalPurl } from "./purl-canonical.js";

/** What a purl is made from: one URL of a fetch, and the package it is the source of. */
export interface PurlContext {
  readonly url: string;
  /** fetchgit-style sources: the revision (a tag wins over a commit). */
  readonly rev?: string;
  readonly name: string;
  readonly version?: string;
  readonly hash?: SourceHash;
}

const ARCHIVE_EXT = /\.(tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tar|zip|crate|gem)$/;
const stripExt = (file: string): string => file.replace(ARCHIVE_EXT, "");

function segmentsOf(url: string): { host: string; parts: string[] } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (!["https:", "http:", "git:", "git+https:", "ssh:", "git+ssh:"].includes(u.protocol)) return undefined;
  const parts = u.pathname.split("/").filter((s) => s !== "");
  try {
    return { host: u.hostname.toLowerCase(), parts: parts.map(decodeURIComponent) };
  } catch {
    return undefined;
  }
}

/** GitHub archives (`/archive/<ref>.tar.gz`, `/archive/refs/tags/<tag>.zip`), release assets, codeload, raw files, commits and git URLs. */
function github(host: string, parts: string[], rev: string | undefined): PurlParts | undefined {
  const [owner, rawRepo, kind, ...rest] = parts;
  if (owner === undefined || rawRepo === undefined) return undefined;
  const repo = rawRepo.replace(/\.git$/, "");
  let version: string | undefined;
  if (host === "codeload.github.com") version = rest[0] ?? (kind !== undefined ? undefined : rev);
  else if (host === "raw.githubusercontent.com") version = kind;
  else if (kind === "archive") {
    const ref = rest.join("/").replace(/^refs\/(tags|heads)\//, "");
    version = stripExt(ref);
  } else if (kind === "releases" && rest[0] === "download") version = rest[1];
  else if (kind === "commit" && rest[0] !== undefined) version = rest[0].replace(/\.(patch|diff)$/, "");
  else if (kind === undefined) version = rev;
  else return undefined;
  return { type: "github", namespace: owner, name: repo, ...(version ? { version } : {}) };
}

/** `files.pythonhosted.org/packages/source/<l>/<name>/<file>` or hashed `/packages/<h>/<h>/<h>/<file>`. */
function pypi(parts: string[]): PurlParts | undefined {
  if (parts[0] !== "packages") return undefined;
  const file = parts.at(-1);
  if (file === undefined || parts.length < 3) return undefined;
  const wheel = file.endsWith(".whl");
  const stem = wheel ? file.slice(0, -4) : stripExt(file);
  const cut = wheel ? stem.indexOf("-") : stem.lastIndexOf("-");
  if (cut <= 0) return undefined;
  const fromPath = parts[1] === "source" && parts.length === 5 ? parts[3] : undefined;
  const name = fromPath ?? stem.slice(0, cut);
  const version = wheel ? stem.slice(cut + 1).split("-")[0] : stem.slice(cut + 1);
  return { type: "pypi", name, ...(version ? { version } : {}), qualifiers: [["file_name", file]] };
}

/** `crates.io/api/v1/crates/<name>/<version>/download`, `static.crates.io/crates/<name>/<name>-<version>.crate`. */
function cargo(host: string, parts: string[]): PurlParts | undefined {
  if (host === "crates.io" && parts[0] === "api" && parts[3] !== undefined)
    return { type: "cargo", name: parts[3], ...(parts[4] ? { version: parts[4] } : {}) };
  if (host === "static.crates.io" && parts[0] === "crates" && parts[1] !== undefined) {
    const name = parts[1];
    const file = parts[2] ?? "";
    const version = file.startsWith(`${name}-`)
      ? stripExt(file.slice(name.length + 1))
      : parts[3]
        ? parts[2]
        : undefined;
    return { type: "cargo", name, ...(version ? { version } : {}) };
  }
  return undefined;
}

/** `registry.npmjs.org/<name>/-/<name>-<version>.tgz`, scoped `/@scope/<name>/-/<name>-<version>.tgz`. */
function npm(parts: string[]): PurlParts | undefined {
  const scoped = parts[0]?.startsWith("@") === true;
  const [namespace, name, dash, file] = scoped ? parts : [undefined, ...parts];
  if (name === undefined || dash !== "-" || file === undefined || !file.startsWith(`${name}-`)) return undefined;
  const version = stripExt(file.slice(name.length + 1));
  return { type: "npm", ...(namespace !== undefined ? { namespace } : {}), name, ...(version ? { version } : {}) };
}

/** The registry-specific purl a URL names, or undefined when it names none. */
export function registryPurl(url: string, rev?: string): PurlParts | undefined {
  const s = segmentsOf(url);
  if (s === undefined) return undefined;
  const { host, parts } = s;
  let p: PurlParts | undefined;
  if (
    host === "github.com" ||
    host === "www.github.com" ||
    host === "codeload.github.com" ||
    host === "raw.githubusercontent.com"
  )
    p = github(host, parts, rev);
  else if (["files.pythonhosted.org", "pypi.org", "pypi.io", "pypi.python.org"].includes(host)) p = pypi(parts);
  else if (host === "crates.io" || host === "static.crates.io") p = cargo(host, parts);
  else if (host === "registry.npmjs.org" || host === "registry.yarnpkg.com") p = npm(parts);
  return p !== undefined ? canonicalPurl(p) : undefined;
}

/**
 * The purl of a fetched source: the registry's (`pkg:github`, `pkg:pypi`, `pkg:cargo`, `pkg:npm`)
 * when the URL names one, else `pkg:generic/<name>@<version>` with `download_url` (for git
 * sources `vcs_url=git+<url>@<rev>`, the spec's generic example) and, for a flat hash (the hash of
 * the downloaded file itself), `checksum=<algo>:<hex>`. A NAR hash is of the unpacked tree, which
 * no download can be checked against, so it is not a checksum here.
 */
export function sourcePurl(ctx: PurlContext): PurlParts {
  const found = registryPurl(ctx.url, ctx.rev);
  if (found !== undefined) return found;
  const q: [string, string][] = [];
  if (ctx.rev !== undefined) {
    const vcs = /^(git\+|git:)/.test(ctx.url) ? ctx.url : `git+${ctx.url}`;
    q.push(["vcs_url", `${vcs}@${ctx.rev}`]);
  } else q.push(["download_url", ctx.url]);
  if (ctx.hash?.method === "flat")
    q.push(["checksum", `${ctx.hash.alg.toLowerCase().replace("-", "")}:${ctx.hash.content}`]);
  return canonicalPurl({
    type: "generic",
    name: ctx.name,
    ...(ctx.version ? { version: ctx.version } : {}),
    qualifiers: q,
  });
}

/** A local source (`src = ./…`): `pkg:generic/<name>@<version>`, no download URL (there is none). */
export const localPurl = (name: string, version: string | undefined): PurlParts =>
  canonicalPurl({ type: "generic", name, ...(version ? { version } : {}) });
