import { isSupportedSpdxId } from "@cyclonedx/cyclonedx-library/SPDX";
import type { LicenseFacts, Origin, Package } from "../../domain/packages/index.js";
import type { ClosurePackages } from "../../domain/sbom-packages.js";
import type { ComponentView } from "./component-view.js";
import { storeItemView, type PackageHooks, type StoreItem } from "./closure-view.js";
import { ancestorView, patchProperty, patchView } from "./origin-view.js";
import type { LicenseView, PackageParts } from "./package-parts.js";
import { PackageProperty as PKG } from "./package-properties.js";
import { FlakeAuditProperty as FA, NixProperty as NIX } from "./properties.js";
import { purlFromParts } from "./purl.js";

type Props = Array<readonly [string, string]>;

/**
 * Licences as CycloneDX takes them. A meta.license list means every entry applies (domain/packages):
 * when all of them have SPDX ids CycloneDX knows, one expression `A AND B`; otherwise one entry
 * each. An entry is `id` only for an id CycloneDX's SPDX list knows; an unfree, id-less or unknown
 * licence goes by name, so no SPDX id is ever made up. Entries are in the CycloneDX library's
 * order (names before ids, each sorted), so JSON and XML agree.
 */
export function licenseViews(facts: LicenseFacts): LicenseView[] {
  if (facts.status !== "declared") return [];
  const entries: LicenseView[] = [];
  const seen = new Set<string>();
  for (const l of facts.licenses) {
    const v: LicenseView =
      l.spdxId !== undefined && isSupportedSpdxId(l.spdxId) ? { id: l.spdxId } : { name: l.name ?? l.spdxId ?? "" };
    const key = "id" in v ? `id:${v.id}` : `name:${"name" in v ? v.name : ""}`;
    if (seen.has(key) || key === "name:") continue;
    seen.add(key);
    entries.push(v);
  }
  if (entries.length > 1 && entries.every((e) => "id" in e))
    return [{ expression: entries.map((e) => ("id" in e ? e.id : "")).join(" AND ") }];
  const text = (e: LicenseView): string => ("id" in e ? e.id : "name" in e ? e.name : e.expression);
  return entries.sort((a, b) => Number("id" in a) - Number("id" in b) || text(a).localeCompare(text(b)));
}

const MISSING = {
  none: "none: nixpkgs meta declares no licence",
  "no-meta": "unknown: no nixpkgs meta names this path (pass --meta)",
} as const;

/**
 * A runtime store path that is a package output: named by pname/version, with its upstream
 * sources as pedigree ancestors, its patches, licences, homepage and CPE. The component's purl is
 * nixpkgs' own meta.identifiers purl when it gives one, else the upstream source's: scanners
 * match on the component, never on its ancestors, and the ancestors keep theirs, which say
 * exactly what was fetched (docs/architecture.md, "Packages in SBOMs").
 */
export function packageView(item: StoreItem, pkg: Package): ComponentView {
  const base = storeItemView(item);
  const props: Props = base.properties.filter(([n]) => n !== FA.output);
  props.push([FA.output, pkg.output]);
  if (!props.some(([n]) => n === NIX.deriver)) props.push([NIX.deriver, pkg.drvPath]);
  if (pkg.license.status !== "declared") props.push([PKG.licenseStatus, MISSING[pkg.license.status]]);
  else if (pkg.license.licenses.length > 0) props.push([FA.licenseSource, "meta"]);
  for (const [i, p] of pkg.patches.entries()) props.push(patchProperty(p, i + 1));
  const purl = pkg.meta?.purls[0] ?? (pkg.sourcePurl !== undefined ? purlFromParts(pkg.sourcePurl) : undefined);
  const meta = pkg.meta;
  const parts: PackageParts = {
    ...(meta?.description !== undefined ? { description: meta.description } : {}),
    licenses: licenseViews(pkg.license),
    ...(meta?.cpe !== undefined ? { cpe: meta.cpe } : {}),
    refs: (meta?.homepages ?? []).map((url) => ({ type: "website" as const, url, hashes: [] })),
    ancestors: pkg.sources.map((o) => ancestorView(o, o.kind === "fetched" ? o.purl : undefined, pkg.version)),
    patches: pkg.patches.map((p) => patchView(p, pkg.sourcePurl)),
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

/** A build-time-only source (--buildtime): a component of its own, scope `excluded`, marked. */
export function buildTimeView(o: Origin): ComponentView {
  const a = ancestorView(o, o.kind === "fetched" ? o.purl : undefined);
  return {
    type: a.type,
    name: a.name,
    ...(a.version !== undefined ? { version: a.version } : {}),
    bomRef: o.path,
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
