import { isSupportedSpdxId } from "@cyclonedx/cyclonedx-library/SPDX";
import type { Hash } from "../../domain/nix/hash.js";
import { toBase16, toSri } from "../../domain/nix/hash.js";
import type { ClosurePackages, PackageLicenses, PackageSource, SbomPackage } from "../../domain/sbom-packages.js";
import type { ComponentView } from "./bom-view.js";
import { storeItemView, type PackageHooks, type StoreItem } from "./closure-view.js";
import type { AncestorView, HashView, LicenseView, PackageParts, RefView } from "./package-parts.js";
import { NixProperty as NIX, FlakeAuditProperty as FA, HASH_MEANING } from "./properties.js";
import { FodProperty as FOD, PackageProperty as PKG } from "./package-properties.js";

type Props = Array<readonly [string, string]>;

const ALG = { md5: "MD5", sha1: "SHA-1", sha256: "SHA-256", sha512: "SHA-512" } as const;
const hashView = (h: Hash): HashView => ({ alg: ALG[h.algo], content: toBase16(h.bytes) });

/**
 * Licences as CycloneDX takes them: an expression when the model has one, else one entry per
 * licence, `id` only for ids CycloneDX's SPDX list knows (an id it does not know, or an unfree or
 * id-less licence, goes by name: an SPDX id is never made up).
 */
export function licenseViews(l: PackageLicenses | undefined): LicenseView[] {
  if (l === undefined) return [];
  if (l.expression !== undefined) return [{ expression: l.expression }];
  const out: LicenseView[] = [];
  const seen = new Set<string>();
  for (const x of l.licenses) {
    const v: LicenseView =
      x.spdxId !== undefined && isSupportedSpdxId(x.spdxId) ? { id: x.spdxId } : { name: x.name ?? x.spdxId ?? "" };
    const key = "id" in v ? `id:${v.id}` : `name:${"name" in v ? v.name : ""}`;
    if (seen.has(key) || ("name" in v && v.name === "")) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

/**
 * A source's download facts. A flat hash is the downloaded file's, so it goes on each distribution
 * reference; a recursive (NAR) hash is of the unpacked tree, which no URL serves, so it stays on
 * the ancestor with the property that says so.
 */
function sourceRefs(src: PackageSource): RefView[] {
  const flat = src.hash?.mode === "flat" ? [hashView(src.hash.hash)] : [];
  const refs: RefView[] = [];
  for (const u of src.urls) {
    const urls = u.resolved.length > 0 ? u.resolved : [u.url];
    for (const url of urls) refs.push({ type: "distribution", url, hashes: flat });
  }
  if (src.git !== undefined) refs.push({ type: "vcs", url: src.git.url, hashes: [] });
  return refs;
}

function sourceProperties(src: PackageSource): Props {
  const props: Props = [
    [NIX.storePath, src.storePath],
    [FOD.method, src.method],
  ];
  for (const u of src.urls) props.push([FOD.url, u.url]);
  if (src.git !== undefined) {
    props.push([FOD.url, src.git.url]);
    if (src.git.rev !== undefined) props.push([FOD.rev, src.git.rev]);
  }
  if (src.method === "fetchzip") props.push([FOD.name, src.name]);
  if (src.hash !== undefined) {
    if (src.hash.hash.algo === "sha256") props.push([FOD.sha256, toSri(src.hash.hash)]);
    else props.push([PKG.sourceHash, toSri(src.hash.hash)]);
    if (src.hash.mode === "recursive") props.push([FA.hashMeaning, HASH_MEANING]);
  }
  if (src.drvPath !== undefined) props.push([NIX.deriver, src.drvPath]);
  return props;
}

export function ancestorView(src: PackageSource): AncestorView {
  return {
    type: src.method === "local" ? "file" : "library",
    name: src.name,
    ...(src.version !== undefined ? { version: src.version } : {}),
    hashes: src.hash !== undefined ? [hashView(src.hash.hash)] : [],
    ...(src.purl !== undefined ? { purl: src.purl } : {}),
    refs: sourceRefs(src),
    properties: sourceProperties(src),
  };
}

const MISSING = {
  none: "none: nixpkgs meta declares no licence",
  unknown: "unknown: no nixpkgs meta names this path (pass --meta)",
} as const;

/** Why a package component has no licence, or undefined when it has one. */
export function missingLicense(pkg: SbomPackage | undefined): keyof typeof MISSING | undefined {
  if (pkg?.licenses === undefined) return "unknown";
  return pkg.licenses.licenses.length === 0 ? "none" : undefined;
}

/**
 * A runtime store path that is a package output: named by pname/version, with its upstream
 * sources as pedigree ancestors, its patches, licences, homepage and CPE. The purl: nixpkgs' own
 * meta.identifiers.purl when it gives one, else the upstream's when the package has exactly one
 * source with one (scanners match on the component, never on its ancestors); the ancestors keep
 * theirs, which say exactly what was fetched.
 */
export function packageView(item: StoreItem, pkg: SbomPackage): ComponentView {
  const base = storeItemView(item);
  const props: Props = base.properties.filter(([n]) => n !== FA.output);
  props.push([FA.output, pkg.output]);
  if (!props.some(([n]) => n === NIX.deriver)) props.push([NIX.deriver, pkg.drvPath]);
  const missing = missingLicense(pkg);
  if (missing !== undefined) props.push([PKG.licenseStatus, MISSING[missing]]);
  pkg.patches.forEach((p, i) => {
    props.push([PKG.patch, `${i + 1} ${p.storePath}${p.hash !== undefined ? ` ${toSri(p.hash.hash)}` : ""}`]);
  });
  const upstreamPurls = pkg.sources.flatMap((s) => (s.purl !== undefined ? [s.purl] : []));
  const purl = pkg.purl ?? (pkg.sources.length === 1 ? upstreamPurls[0] : undefined);
  const parts: PackageParts = {
    ...(pkg.description !== undefined ? { description: pkg.description } : {}),
    licenses: licenseViews(pkg.licenses),
    ...(pkg.cpe !== undefined ? { cpe: pkg.cpe } : {}),
    refs: pkg.homepages.map((url) => ({ type: "website" as const, url, hashes: [] })),
    ancestors: pkg.sources.map(ancestorView),
    patches: pkg.patches.map((p) => ({
      type: p.kind,
      ...(p.url !== undefined ? { url: p.url } : {}),
      resolves: p.resolves,
    })),
  };
  return {
    ...base,
    name: pkg.name,
    ...(pkg.version !== undefined ? { version: pkg.version } : {}),
    ...(purl !== undefined ? { purl } : {}),
    properties: props,
    package: parts,
  };
}

/** A build-time-only source (--buildtime): its own component, scope `excluded`, marked. */
export function buildTimeView(src: PackageSource): ComponentView {
  const a = ancestorView(src);
  return {
    type: a.type,
    name: a.name,
    ...(a.version !== undefined ? { version: a.version } : {}),
    bomRef: src.storePath,
    ...(a.purl !== undefined ? { purl: a.purl } : {}),
    externalReferences: [],
    properties: [...a.properties, [PKG.buildTimeOnly, "true"]],
    dependsOn: [],
    package: { scope: "excluded", licenses: [], refs: a.refs, ancestors: [], patches: [], hashes: a.hashes },
  };
}

/** The closure's package views, or undefined when no derivations were given. */
export function packageHooks(packages: ClosurePackages | undefined): PackageHooks | undefined {
  if (packages === undefined) return undefined;
  return {
    view: (item) => {
      const pkg = packages.byPath.get(item.path);
      return pkg !== undefined ? packageView(item, pkg) : item;
    },
    buildTime: packages.buildTime.map(buildTimeView),
  };
}
