import type { Closure } from "../closure/closure.js";
import type { Derivation, DerivationAttr, DerivationSet } from "../nix/derivation.js";
import { parseStoreName } from "../nix/store-name.js";
import { cdxHash, sourceHash } from "./hashes.js";
import { resolveUrl } from "./mirrors.js";
import type { MirrorTable, Origin, SourceUrl } from "./model.js";
import { sourcePurl } from "./purl.js";

/** A list attribute: a structured attrs list, or the space-separated string a plain env holds. */
export function listAttr(v: DerivationAttr | undefined): readonly string[] {
  if (v === undefined) return [];
  if (typeof v !== "string") return v;
  return v.split(/\s+/).filter((s) => s !== "");
}

const stringAttr = (v: DerivationAttr | undefined): string | undefined =>
  typeof v === "string" && v !== "" ? v : undefined;

/** What the origin builder needs besides the derivations. */
export interface OriginContext {
  readonly closure: Closure;
  readonly derivations: DerivationSet;
  /** mirrorsFile store path → its table (fetchurl's `mirrorsFile`). */
  readonly mirrors: ReadonlyMap<string, MirrorTable>;
  /** Counts `mirror://` URLs left unresolved, by reason. */
  readonly onUnresolved: (reason: "mirrors-file-missing" | "unknown-mirror-site", url: string) => void;
}

/** What a fetch's URLs need: the mirrors tables (a derivation closure alone has no runtime closure). */
export type FetchContext = Pick<OriginContext, "mirrors" | "onUnresolved">;

/** The package a source belongs to, for the purl of a source whose URL names no registry. */
export interface Owner {
  readonly name: string;
  readonly version?: string;
}

function urlsOf(d: Derivation, ctx: FetchContext): SourceUrl[] {
  const written = listAttr(d.env.get("urls"));
  const urls = written.length > 0 ? written : listAttr(d.env.get("url"));
  const mirrorsFile = stringAttr(d.env.get("mirrorsFile"));
  const table = mirrorsFile !== undefined ? ctx.mirrors.get(mirrorsFile) : undefined;
  const out: SourceUrl[] = [];
  for (const u of urls) {
    const resolved = resolveUrl(u, table);
    if (resolved[0]?.unresolved === true)
      ctx.onUnresolved(table === undefined ? "mirrors-file-missing" : "unknown-mirror-site", u);
    out.push(...resolved);
  }
  return out;
}

/** fetchgit and its relatives write `url` and `rev` (nixpkgs pkgs/build-support/fetchgit); `tag` when the rev is `refs/tags/…`. */
function gitOf(d: Derivation): { url: string; rev?: string; tag?: string } | undefined {
  const url = stringAttr(d.env.get("url"));
  const rev = stringAttr(d.env.get("rev"));
  if (url === undefined || rev === undefined || listAttr(d.env.get("urls")).length > 0) return undefined;
  const tag = stringAttr(d.env.get("tag")) ?? (rev.startsWith("refs/tags/") ? rev.slice(10) : undefined);
  return { url, rev, ...(tag !== undefined ? { tag } : {}) };
}

/** The fetch a fixed-output derivation describes. */
export function fetchedOrigin(d: Derivation, path: string, owner: Owner, ctx: FetchContext): Origin {
  const ca = d.fixed.values().next().value;
  const hash = sourceHash(ca, d.env);
  const git = gitOf(d);
  const urls = git !== undefined ? [{ url: git.url }] : urlsOf(d, ctx);
  // The purl comes from the first URL a consumer can use: originals before mirror expansions.
  const first =
    urls.find((u) => u.unresolved !== true && u.mirror === undefined) ?? urls.find((u) => u.unresolved !== true);
  const rev = git?.tag ?? git?.rev;
  const purl =
    first !== undefined
      ? sourcePurl({
          url: first.url,
          name: owner.name,
          ...(owner.version ? { version: owner.version } : {}),
          ...(rev ? { rev } : {}),
          ...(hash ? { hash } : {}),
        })
      : undefined;
  return {
    kind: "fetched",
    path,
    drvPath: d.path,
    name: d.name,
    urls,
    ...(git !== undefined ? { git } : {}),
    ...(hash !== undefined ? { hash } : {}),
    ...(purl !== undefined ? { purl } : {}),
  };
}

/**
 * Where a store path a package names came from: the fixed-output derivation that builds it
 * (fetched), an ordinary derivation (built), the package's own input sources (local, with the NAR
 * hash when the closure describes the path), or unknown.
 */
export function originOf(path: string, pkg: Derivation, owner: Owner, ctx: OriginContext): Origin {
  const builder = ctx.derivations.byOutput.get(path);
  const d = builder !== undefined ? ctx.derivations.byPath.get(builder) : undefined;
  if (d !== undefined && d.fixed.size > 0) return fetchedOrigin(d, path, owner, ctx);
  if (d !== undefined) return { kind: "built", path, drvPath: d.path, name: d.name };
  if (pkg.inputSrcs.includes(path)) {
    const info = ctx.closure.infos.get(path);
    const slash = path.lastIndexOf("/");
    const name = path.slice(slash + 34);
    return { kind: "local", path, name, ...(info !== undefined ? { narHash: cdxHash(info.narHash) } : {}) };
  }
  return { kind: "unknown", path };
}

const ARCHIVE = /\.(tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tar\.lz|tar|zip|crate|gem)$/;

/** Name and version: env `pname`/`version`, else the derivation's name (less an archive extension) read as Nix's DrvName would. */
export function nameOf(d: Derivation): { name: string; version?: string; nameFrom: "derivation" | "store-name" } {
  const pname = stringAttr(d.env.get("pname"));
  const version = stringAttr(d.env.get("version"));
  if (pname !== undefined)
    return { name: pname, ...(version !== undefined ? { version } : {}), nameFrom: "derivation" };
  // A fetcher is named for its file (`hello-2.12.1.tar.gz`): the version is not the extension.
  const parsed = parseStoreName(d.name.replace(ARCHIVE, ""));
  return {
    name: parsed.pname,
    ...(parsed.version !== undefined ? { version: parsed.version } : {}),
    nameFrom: "store-name",
  };
}
