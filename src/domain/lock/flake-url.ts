import { assertNever } from "../result.js";
import { forgeHost, DEFAULT_FORGE_HOSTS, type SourceRef } from "./source-ref.js";

const ARCHIVE_EXT = /\.(zip|tar|tgz|tar\.gz|tar\.xz|tar\.bz2|tar\.zst)$/;

/** Nix's query encoding: unreserved characters and `:@/?` stay, everything else is %XX. */
const QUERY_PLAIN = /^[A-Za-z0-9\-_.~:@/?]*$/;
const nixQueryValue = (v: string): string =>
  QUERY_PLAIN.test(v)
    ? v
    : encodeURIComponent(v)
        .replace(/%3A|%40|%2F|%3F/g, decodeURIComponent)
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Query parameters already in `base` (a git URL with `?dir=…`) are not added again. */
function withQuery(base: string, params: ReadonlyArray<readonly [string, string | undefined]>): string {
  const hashAt = base.indexOf("#");
  const queryAt = base.indexOf("?");
  // Most bases have no query of their own; only those that do need theirs read.
  const existing =
    queryAt >= 0 && (hashAt < 0 || queryAt < hashAt)
      ? new Set(
          base
            .slice(queryAt + 1, hashAt >= 0 ? hashAt : undefined)
            .split("&")
            .map((p) => p.split("=", 1)[0]),
        )
      : undefined;
  let q = "";
  for (const [k, v] of params)
    if (v !== undefined && existing?.has(k) !== true) q += `${q === "" ? "" : "&"}${k}=${nixQueryValue(v)}`;
  if (q === "") return base;
  return base + (queryAt >= 0 ? "&" : "?") + q;
}

const urlPath = (url: string): string => url.split(/[?#]/, 1)[0] ?? url;

const flag = (b: boolean | undefined): string | undefined => (b ? "1" : undefined);

/**
 * Renders a source as a flake reference URL in Nix's own syntax, e.g.
 * `github:NixOS/nixpkgs/5e2a59a5b1a82f89f2c7e598302a9cacebb72a67` or
 * `git+https://example.org/repo?ref=main&rev=…`.
 */
export function toFlakeUrl(s: SourceRef, opts: { readonly treeFacts?: boolean } = {}): string {
  const dir = s.dir;
  switch (s.type) {
    case "github":
    case "gitlab":
    case "sourcehut": {
      const host = s.host !== undefined && s.host !== DEFAULT_FORGE_HOSTS[s.type] ? forgeHost(s) : undefined;
      const tail = s.rev ?? s.ref;
      const base = `${s.type}:${s.owner}/${s.repo}${tail !== undefined ? `/${tail}` : ""}`;
      const ref = s.rev !== undefined && s.ref !== undefined ? s.ref : undefined;
      if (ref === undefined && host === undefined && dir === undefined) return base; // the usual forge input
      return withQuery(base, [
        ["ref", ref],
        ["host", host],
        ["dir", dir],
      ]);
    }
    case "git":
      return withQuery(`git+${s.url}`, [
        ["ref", s.ref],
        ["rev", s.rev],
        ["shallow", flag(s.shallow)],
        ["submodules", flag(s.submodules)],
        ["dir", dir],
      ]);
    case "hg":
      return withQuery(`hg+${s.url}`, [
        ["ref", s.ref],
        ["rev", s.rev],
        ["dir", dir],
      ]);
    case "tarball":
    case "file": {
      const plain = s.type === "tarball" ? ARCHIVE_EXT.test(urlPath(s.url)) : !ARCHIVE_EXT.test(urlPath(s.url));
      return withQuery(plain ? s.url : `${s.type}+${s.url}`, [["dir", dir]]);
    }
    case "path": {
      // With treeFacts, a locked path input as Nix prints it, facts in key order:
      // path:/nix/store/…-source?lastModified=…&narHash=…&rev=… (its only pin, since no fetcher can refetch it).
      const num = (n: number | undefined) => (opts.treeFacts === true && n !== undefined ? String(n) : undefined);
      const narHash =
        opts.treeFacts === true && typeof s.attrs["narHash"] === "string" ? s.attrs["narHash"] : undefined;
      return withQuery(`path:${s.path}`, [
        ["dir", dir],
        ["lastModified", num(s.lastModified)],
        ["narHash", narHash],
        ["rev", opts.treeFacts === true ? s.rev : undefined],
        ["revCount", num(s.revCount)],
      ]);
    }
    case "indirect":
      return withQuery(
        `flake:${s.id}${s.ref !== undefined ? `/${s.ref}` : ""}${s.rev !== undefined ? `/${s.rev}` : ""}`,
        [["dir", dir]],
      );
    case "unknown": {
      const url = s.attrs["url"];
      return typeof url === "string" ? `${s.declaredType}+${url}` : `${s.declaredType}:${JSON.stringify(s.attrs)}`;
    }
    default:
      return assertNever(s);
  }
}
