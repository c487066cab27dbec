import type { SbomModel } from "../../../domain/sbom-model.js";
import { isoDateTime } from "../../../domain/time.js";
import { toBomView } from "../bom-view.js";
import { storeItemView } from "../closure-view.js";
import type { ComponentView } from "../component-view.js";
import type { MetadataView } from "../metadata-view.js";
import type { HashView } from "../package-parts.js";
import { packageId } from "./ids.js";
import { chooseLicence, concludedLicence, copyrightOf } from "./licence-choice.js";
import { commentOf, downloadLocation, homepageOf, sourceInfo } from "./package-facts.js";

/** One SPDX package, in plain data both writers (2.3 and 3.0.1) print; undefined fields are NOASSERTION. */
export interface SpdxPackage {
  readonly id: string;
  readonly name: string;
  readonly version?: string;
  /** SPDX 3 purpose names; 2.3 writes them upper-case. */
  readonly purpose: "application" | "source" | "library" | "file";
  readonly purl?: string;
  /** SHA-256 of the NAR (a store path's or lock input's), or a build-time source's fetch hashes. */
  readonly checksums: readonly HashView[];
  readonly downloadLocation?: string;
  readonly homepage?: string;
  /**
   * The forge owner the lock names (an organisation to SPDX); the flake's: the SBOM's supplier, with
   * the vulnerability contact's e-mail.
   */
  readonly supplier?: SpdxAgent;
  /** The flake only: the manufacturer, and where to report a vulnerability. */
  readonly originator?: SpdxAgent;
  readonly securityContact?: string;
  readonly declared?: string;
  readonly concluded?: string;
  readonly licenceNote?: string;
  readonly copyright?: string;
  readonly description?: string;
  readonly cpe?: string;
  readonly sourceInfo?: string;
  readonly comment?: string;
  /** SPDX ids of the packages it depends on (only ones in the document), sorted, no repeats. */
  readonly dependsOn: readonly string[];
}

/** An organisation or person with an optional e-mail, as SPDX names agents. */
export interface SpdxAgent {
  readonly name: string;
  readonly email?: string;
}

export interface SpdxView {
  readonly name: string;
  readonly tool: { readonly name: string; readonly version: string };
  /** `YYYY-MM-DDThh:mm:ssZ`. */
  readonly created: string;
  /** The run's serial number (urn:uuid:…), absent in reproducible mode. */
  readonly serialNumber?: string;
  readonly rootId: string;
  /** The root first, then every component in bom-ref order. */
  readonly packages: readonly SpdxPackage[];
  readonly sbomTypes: readonly ("source" | "analyzed")[];
  /** Who wrote the SBOM (`--author`): SPDX creators beside the tool. */
  readonly authors: readonly SpdxAgent[];
}

const purposeOf = (v: ComponentView, isRoot: boolean): SpdxPackage["purpose"] =>
  isRoot ? "application" : v.bomRef.startsWith("input:") ? "source" : v.type === "file" ? "file" : "library";

function packageOf(v: ComponentView, id: string, isRoot: boolean, dependsOn: readonly string[]): SpdxPackage {
  const licence = chooseLicence(v);
  const concluded = concludedLicence(v);
  const fields: Array<[keyof SpdxPackage, string | undefined]> = [
    ["version", v.version],
    ["purl", v.purl],
    ["downloadLocation", downloadLocation(v)],
    ["homepage", homepageOf(v)],
    ["declared", licence.declared],
    ["concluded", concluded],
    ["licenceNote", licence.note],
    ["copyright", copyrightOf(v)],
    ["description", v.package?.description],
    ["cpe", v.package?.cpe],
    ["sourceInfo", sourceInfo(v)],
    ["comment", commentOf(v)],
  ];
  const checksums: HashView[] = v.sha256 !== undefined ? [{ alg: "SHA-256", content: v.sha256 }] : [];
  for (const h of v.package?.hashes ?? []) if (!checksums.some((c) => c.alg === h.alg)) checksums.push(h);
  const p: Record<string, unknown> = { id, name: v.name, purpose: purposeOf(v, isRoot), checksums, dependsOn };
  for (const [k, value] of fields) if (value !== undefined && value !== "") p[k] = value;
  if (v.group !== undefined && v.group !== "") p["supplier"] = agent(v.group, undefined);
  return p as unknown as SpdxPackage;
}

/**
 * When the document was made. Outside --reproducible, the run's clock; with it, SOURCE_DATE_EPOCH
 * when set, else a time derived from the inputs: the newest `lastModified` of the lock's inputs
 * (the document describes nothing newer), else the Unix epoch. SPDX requires a creation time.
 */
export function createdOf(model: SbomModel): string {
  const at = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;
  if (model.timestamp !== undefined) return at(model.timestamp);
  let newest = 0;
  for (const i of model.inventory?.inputs ?? []) newest = Math.max(newest, i.locked.lastModified ?? 0);
  const text = isoDateTime(newest);
  // A lock may say anything: a date SPDX cannot take (beyond year 9999) falls back to the epoch.
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(text) ? text : isoDateTime(0);
}

/** SbomModel → the SPDX packages, from the CycloneDX view (one model, two formats). */
export function toSpdxView(model: SbomModel): SpdxView {
  const bom = toBomView(model);
  const views: ComponentView[] = [bom.root];
  for (const c of bom.components()) views.push("kind" in c ? storeItemView(c) : c);
  const ids = new Map(views.map((v) => [v.bomRef, packageId(v.bomRef, bom.root.bomRef)] as const));
  const packages = views.map((v, i) => {
    const deps = new Set<string>();
    for (const d of v.dependsOn) {
      const target = ids.get(d);
      if (target !== undefined) deps.add(target);
    }
    const p = packageOf(v, ids.get(v.bomRef)!, i === 0, [...deps].sort());
    return i === 0 ? withMinimumElements(p, bom.metadata) : p;
  });
  return {
    name: model.flakeName,
    tool: model.tool,
    created: createdOf(model),
    ...(model.serialNumber !== undefined ? { serialNumber: model.serialNumber } : {}),
    rootId: packages[0]!.id,
    packages,
    sbomTypes: model.closure !== undefined ? ["source", "analyzed"] : ["source"],
    authors: bom.metadata.authors.map((a) => agent(a.name, a.email)),
  };
}

const agent = (name: string, email: string | undefined): SpdxAgent =>
  email !== undefined ? { name, email } : { name };

/**
 * The flake's package takes the minimum elements CycloneDX puts in `metadata` (metadata-view.ts):
 * the supplier (the manufacturer unless given) with the vulnerability contact's e-mail, the
 * manufacturer as originator, and where to report a vulnerability.
 */
function withMinimumElements(root: SpdxPackage, m: MetadataView): SpdxPackage {
  const out: { -readonly [K in keyof SpdxPackage]: SpdxPackage[K] } = { ...root };
  if (m.supplier !== undefined) out.supplier = agent(m.supplier.name, m.supplier.emails[0]);
  if (m.manufacture !== undefined) out.originator = agent(m.manufacture.name, m.manufacture.emails[0]);
  if (m.securityContact !== undefined) out.securityContact = m.securityContact;
  return out;
}
