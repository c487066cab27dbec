import { compareStrings } from "../../../domain/lock/input-path.js";
import type { SbomModel } from "../../../domain/sbom-model.js";
import { DOCUMENT_ID, elementId, spdxIdFor } from "./ids.js";
import { withNamespace } from "./namespace.js";
import { CHECKSUM_NOTE } from "./spdx-2.3.js";
import { toSpdxView, type SpdxAgent, type SpdxPackage, type SpdxView } from "./spdx-view.js";

export const SPDX3_CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
/** The Licensing profile's NoAssertionLicense individual (spdx-spec v3.0.1, ExpandedLicensing). */
export const NO_ASSERTION_LICENSE = "https://spdx.org/rdf/3.0.1/terms/Licensing/NoAssertion";
const CI = "_:creationinfo";

type Element = Record<string, unknown>;

function packageElement(p: SpdxPackage, iri: (id: string) => string): Element {
  const ids: Element[] = [];
  if (p.purl !== undefined)
    ids.push({ type: "ExternalIdentifier", externalIdentifierType: "packageUrl", identifier: p.purl });
  if (p.cpe !== undefined)
    ids.push({
      type: "ExternalIdentifier",
      externalIdentifierType: p.cpe.startsWith("cpe:2.3:") ? "cpe23" : "cpe22",
      identifier: p.cpe,
    });
  const comment = [p.comment, p.licenceNote].filter((c) => c !== undefined).join("\n");
  return {
    type: "software_Package",
    spdxId: iri(p.id),
    creationInfo: CI,
    name: p.name,
    ...(p.version !== undefined ? { software_packageVersion: p.version } : {}),
    software_primaryPurpose: p.purpose,
    ...(p.downloadLocation !== undefined ? { software_downloadLocation: p.downloadLocation } : {}),
    ...(p.homepage !== undefined ? { software_homePage: p.homepage } : {}),
    ...(p.purl !== undefined ? { software_packageUrl: p.purl } : {}),
    ...(p.sourceInfo !== undefined ? { software_sourceInfo: p.sourceInfo } : {}),
    software_copyrightText: p.copyright ?? "NOASSERTION",
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(comment !== "" ? { comment } : {}),
    ...(p.supplier !== undefined ? { suppliedBy: iri(elementId("Supplier", p.supplier.name)) } : {}),
    ...(p.checksums.length > 0
      ? {
          verifiedUsing: p.checksums.map((h) => ({
            type: "Hash",
            algorithm: h.alg.replace("-", "").toLowerCase(),
            hashValue: h.content,
          })),
        }
      : {}),
    ...(p.originator !== undefined ? { originatedBy: [iri(elementId("Supplier", p.originator.name))] } : {}),
    ...(ids.length > 0 ? { externalIdentifier: ids } : {}),
    // "Instructions for reporting newly discovered security vulnerabilities" (ExternalRefType securityPolicy).
    ...(p.securityContact !== undefined
      ? { externalRef: [{ type: "ExternalRef", externalRefType: "securityPolicy", locator: [p.securityContact] }] }
      : {}),
  };
}

/** An Organization or Person element, its e-mail as an `email` external identifier. */
function agentElement(type: "Organization" | "Person", spdxId: string, a: SpdxAgent): Element {
  return {
    type,
    spdxId,
    creationInfo: CI,
    name: a.name,
    ...(a.email !== undefined
      ? { externalIdentifier: [{ type: "ExternalIdentifier", externalIdentifierType: "email", identifier: a.email }] }
      : {}),
  };
}

function graph(view: SpdxView, ns: string): Element[] {
  const iri = (id: string): string => `${ns}#${id}`;
  const rel = (kind: string, from: string, type: string, to: readonly string[]): Element => ({
    type: "Relationship",
    spdxId: iri(`SPDXRef-Rel-${kind}-${from.slice("SPDXRef-".length)}`),
    creationInfo: CI,
    from: iri(from),
    relationshipType: type,
    to,
  });
  // Organisations by name: forge owners, and the flake's supplier and manufacturer (with an e-mail).
  const suppliers = new Map<string, SpdxAgent>();
  const addOrg = (a: SpdxAgent): void => {
    const known = suppliers.get(a.name);
    if (known === undefined || (known.email === undefined && a.email !== undefined)) suppliers.set(a.name, a);
  };
  const licences = new Set<string>();
  const packages: Element[] = [];
  const relationships: Element[] = [];
  const licenceTo = (expr: string | undefined): string[] => [
    expr !== undefined ? iri(elementId("License", expr)) : NO_ASSERTION_LICENSE,
  ];
  for (const p of view.packages) {
    packages.push(packageElement(p, iri));
    if (p.supplier !== undefined) addOrg(p.supplier);
    if (p.originator !== undefined) addOrg(p.originator);
    for (const l of [p.declared, p.concluded]) if (l !== undefined) licences.add(l);
    if (p.dependsOn.length > 0) relationships.push(rel("DependsOn", p.id, "dependsOn", p.dependsOn.map(iri)));
    relationships.push(rel("Declared", p.id, "hasDeclaredLicense", licenceTo(p.declared)));
    relationships.push(rel("Concluded", p.id, "hasConcludedLicense", licenceTo(p.concluded)));
  }
  const orgs = [...suppliers.values()]
    .sort((a, b) => compareStrings(a.name, b.name))
    .map((a) => agentElement("Organization", iri(elementId("Supplier", a.name)), a));
  const exprs = [...licences].sort().map((l) => ({
    type: "simplelicensing_LicenseExpression",
    spdxId: iri(elementId("License", l)),
    creationInfo: CI,
    simplelicensing_licenseExpression: l,
  }));
  const described = [...orgs, ...exprs, ...packages, ...relationships];
  const sbom: Element = {
    type: "software_Sbom",
    spdxId: iri("SPDXRef-Sbom"),
    creationInfo: CI,
    name: view.name,
    rootElement: [iri(view.rootId)],
    element: described.map((e) => e["spdxId"]),
    software_sbomType: view.sbomTypes,
  };
  const agent = iri("SPDXRef-Agent");
  const tool = iri("SPDXRef-Tool");
  // Who wrote the SBOM (--author), beside the tool that made it.
  const authors = view.authors.map((a, i) => ({ id: iri(spdxIdFor("Person", `${i + 1}`)), a }));
  const peopleIds = authors.map((p) => p.id);
  return [
    {
      type: "CreationInfo",
      "@id": CI,
      specVersion: "3.0.1",
      created: view.created,
      createdBy: [agent, ...peopleIds],
      createdUsing: [tool],
      comment: CHECKSUM_NOTE,
    },
    { type: "SoftwareAgent", spdxId: agent, creationInfo: CI, name: view.tool.name },
    { type: "Tool", spdxId: tool, creationInfo: CI, name: `${view.tool.name} ${view.tool.version}` },
    ...authors.map((p) => agentElement("Person", p.id, p.a)),
    {
      type: "SpdxDocument",
      spdxId: iri(DOCUMENT_ID),
      creationInfo: CI,
      name: view.name,
      rootElement: [sbom["spdxId"]],
      element: [agent, tool, ...peopleIds, sbom["spdxId"], ...(sbom["element"] as string[])],
      profileConformance: ["core", "software", "simpleLicensing"],
    },
    sbom,
    ...described,
  ];
}

/**
 * SPDX 3.0.1 JSON-LD with the published context. Unknown licences point at the NoAssertionLicense
 * individual; an unknown download location is left out (an absent optional property asserts
 * nothing in SPDX 3); copyright is NOASSERTION as SPDX 3's copyrightText defines it.
 */
export function renderSpdx3(model: SbomModel): string {
  const view = toSpdxView(model);
  return withNamespace(
    view.serialNumber,
    (ns) => `${JSON.stringify({ "@context": SPDX3_CONTEXT, "@graph": graph(view, ns) }, null, 2)}\n`,
  );
}
