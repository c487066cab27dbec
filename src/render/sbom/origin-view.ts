import type { Origin, PurlParts } from "../../domain/packages/index.js";
import type { AncestorView, HashView, PatchView, RefView } from "./package-parts.js";
import { FodProperty as FOD, PackageProperty as PKG } from "./package-properties.js";
import { FlakeAuditProperty as FA, HASH_MEANING, NixProperty as NIX } from "./properties.js";
import { purlFromParts } from "./purl.js";

type Props = Array<readonly [string, string]>;

/** The nixpkgs fetcher a fetched source has the shape of, reduced as the `nix:fod` taxonomy asks. */
function fodMethod(o: Extract<Origin, { kind: "fetched" }>): string {
  if (o.git !== undefined) return "fetchgit";
  return o.hash?.method === "nar" ? "fetchzip" : "fetchurl";
}

const hashOf = (o: Origin): HashView | undefined =>
  o.kind === "fetched" && o.hash !== undefined
    ? { alg: o.hash.alg, content: o.hash.content }
    : o.kind === "local"
      ? o.narHash
      : undefined;

/**
 * A fetched source's references. A flat hash is the downloaded file's, so each distribution
 * reference carries it; a NAR hash is of the unpacked tree, which no URL serves, so it stays on the
 * ancestor (with flake-audit:hash_meaning). mirror:// URLs are listed resolved; the URL as written
 * is in nix:fod:url.
 */
function refsOf(o: Origin): RefView[] {
  if (o.kind !== "fetched") return [];
  const flat = o.hash?.method === "flat" ? [{ alg: o.hash.alg, content: o.hash.content }] : [];
  const refs: RefView[] = [];
  const seen = new Set<string>();
  // A git fetch's `url` is its repository (vcs), not a download.
  for (const u of o.git === undefined ? o.urls : []) {
    if (u.unresolved === true || seen.has(u.url)) continue;
    seen.add(u.url);
    refs.push({ type: "distribution", url: u.url, hashes: flat });
  }
  if (o.git !== undefined) refs.push({ type: "vcs", url: o.git.url, hashes: [] });
  return refs;
}

function propsOf(o: Origin): Props {
  const props: Props = [[NIX.storePath, o.path]];
  if (o.kind === "fetched") {
    props.push([FOD.method, fodMethod(o)], [NIX.deriver, o.drvPath]);
    const written = new Set<string>();
    for (const u of o.git === undefined ? o.urls : []) written.add(u.mirror ?? u.url);
    for (const u of written) props.push([FOD.url, u]);
    if (o.git !== undefined) {
      props.push([FOD.url, o.git.url]);
      if (o.git.rev !== undefined) props.push([FOD.rev, o.git.rev]);
      if (o.git.tag !== undefined) props.push([FOD.ref, o.git.tag]);
    }
    props.push([FOD.name, o.name]);
    if (o.hash !== undefined) {
      props.push([o.hash.alg === "SHA-256" ? FOD.sha256 : PKG.sourceHash, o.hash.written ?? o.hash.content]);
      if (o.hash.method !== "flat") props.push([FA.hashMeaning, HASH_MEANING]);
    }
  } else if (o.kind === "built") props.push([NIX.deriver, o.drvPath]);
  props.push([PKG.sourceKind, o.kind]);
  return props;
}

const nameOfOrigin = (o: Origin): string =>
  o.kind === "unknown" ? o.path.slice(o.path.lastIndexOf("/") + 34) : o.name;

/** An upstream source as a pedigree ancestor (or, with --buildtime, a component of its own). */
export function ancestorView(o: Origin, purl?: PurlParts, version?: string): AncestorView {
  const hash = hashOf(o);
  const text = purl !== undefined ? purlFromParts(purl) : undefined;
  const v = purl?.version ?? version;
  return {
    type: o.kind === "fetched" ? "library" : "file",
    name: purl?.name ?? nameOfOrigin(o),
    ...(v !== undefined ? { version: v } : {}),
    hashes: hash !== undefined ? [hash] : [],
    ...(text !== undefined ? { purl: text } : {}),
    refs: refsOf(o),
    properties: propsOf(o),
  };
}

const CVE = /CVE-\d{4}-\d{4,}/gi;

/**
 * A patch as CycloneDX's pedigree patch: `backport` when it is fetched from the package's own
 * upstream repository (a commit or pull request of the same GitHub/forge project: code the
 * maintainers wrote, applied to this version), else `unofficial` (written or picked by the
 * distribution). Advisory ids in its name or URL become `resolves`.
 */
export function patchView(o: Origin, upstream: PurlParts | undefined): PatchView {
  const url = o.kind === "fetched" ? o.urls.find((u) => u.unresolved !== true)?.url : undefined;
  const own =
    o.kind === "fetched" &&
    upstream !== undefined &&
    o.purl !== undefined &&
    o.purl.type === upstream.type &&
    o.purl.type !== "generic" &&
    o.purl.namespace === upstream.namespace &&
    o.purl.name === upstream.name;
  const ids = new Set<string>();
  for (const m of `${nameOfOrigin(o)} ${url ?? ""}`.matchAll(CVE)) ids.add(m[0].toUpperCase());
  return { type: own ? "backport" : "unofficial", ...(url !== undefined ? { url } : {}), resolves: [...ids].sort() };
}

/** `<n> <store path>[ <alg>:<hex>]`: a patch's store path and hash, which CycloneDX's patch cannot carry. */
export function patchProperty(o: Origin, n: number): readonly [string, string] {
  const h = hashOf(o);
  return [PKG.patch, `${n} ${o.path}${h !== undefined ? ` ${h.alg}:${h.content}` : ""}`];
}
