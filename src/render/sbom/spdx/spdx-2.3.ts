import type { SbomModel } from "../../../domain/sbom-model.js";
import { DOCUMENT_ID } from "./ids.js";
import { contentNamespace, PLACEHOLDER_NAMESPACE } from "./namespace.js";
import { toSpdxView, type SpdxAgent, type SpdxPackage, type SpdxView } from "./spdx-view.js";

const NOASSERTION = "NOASSERTION";

/** Said once for the document: what every package checksum is. */
export const CHECKSUM_NOTE =
  "Package checksums are Nix narHash values: SHA-256 of the NAR serialisation of the unpacked source or store path, not of a downloaded archive.";

/** SPDX 2.3's agent text (§7.5, §6.8): `Organization: NAME (EMAIL)`, the e-mail optional. */
const agentText = (kind: "Organization" | "Person", a: SpdxAgent): string =>
  `${kind}: ${a.name}${a.email !== undefined ? ` (${a.email})` : ""}`;

function package23(p: SpdxPackage): Record<string, unknown> {
  const refs: Array<Record<string, string>> = [];
  // Where to report a vulnerability: a SECURITY `url` reference (2.3 has no contact field).
  if (p.securityContact !== undefined)
    refs.push({ referenceCategory: "SECURITY", referenceType: "url", referenceLocator: p.securityContact });
  if (p.purl !== undefined)
    refs.push({ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: p.purl });
  if (p.cpe !== undefined)
    refs.push({
      referenceCategory: "SECURITY",
      referenceType: p.cpe.startsWith("cpe:2.3:") ? "cpe23Type" : "cpe22Type",
      referenceLocator: p.cpe,
    });
  const out: Record<string, unknown> = {
    SPDXID: p.id,
    name: p.name,
    ...(p.version !== undefined ? { versionInfo: p.version } : {}),
    primaryPackagePurpose: p.purpose.toUpperCase(),
    supplier: p.supplier !== undefined ? agentText("Organization", p.supplier) : NOASSERTION,
    ...(p.originator !== undefined ? { originator: agentText("Organization", p.originator) } : {}),
    downloadLocation: p.downloadLocation ?? NOASSERTION,
    filesAnalyzed: false,
    ...(p.checksums.length > 0
      ? { checksums: p.checksums.map((h) => ({ algorithm: h.alg.replace("-", ""), checksumValue: h.content })) }
      : {}),
    ...(p.homepage !== undefined ? { homepage: p.homepage } : {}),
    ...(p.sourceInfo !== undefined ? { sourceInfo: p.sourceInfo } : {}),
    licenseConcluded: p.concluded ?? NOASSERTION,
    licenseDeclared: p.declared ?? NOASSERTION,
    ...(p.licenceNote !== undefined ? { licenseComments: p.licenceNote } : {}),
    copyrightText: p.copyright ?? NOASSERTION,
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(p.comment !== undefined ? { comment: p.comment } : {}),
    ...(refs.length > 0 ? { externalRefs: refs } : {}),
  };
  return out;
}

function document23(view: SpdxView, namespace: string): Record<string, unknown> {
  const relationships: Array<Record<string, string>> = [
    { spdxElementId: DOCUMENT_ID, relationshipType: "DESCRIBES", relatedSpdxElement: view.rootId },
  ];
  for (const p of view.packages)
    for (const d of p.dependsOn)
      relationships.push({ spdxElementId: p.id, relationshipType: "DEPENDS_ON", relatedSpdxElement: d });
  return {
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: DOCUMENT_ID,
    name: view.name,
    documentNamespace: namespace,
    creationInfo: {
      created: view.created,
      creators: [`Tool: ${view.tool.name}-${view.tool.version}`, ...view.authors.map((a) => agentText("Person", a))],
      comment: CHECKSUM_NOTE,
    },
    packages: view.packages.map(package23),
    relationships,
  };
}

/**
 * SPDX 2.3 JSON. Every field SPDX requires is present: NOASSERTION for what flake-audit cannot tell
 * (README, "SPDX"). Strings go through JSON.stringify, which escapes whatever a lock carries.
 */
export function renderSpdx23(model: SbomModel): string {
  const view = toSpdxView(model);
  if (view.serialNumber !== undefined) return `${JSON.stringify(document23(view, view.serialNumber), null, 2)}\n`;
  // The namespace is one field: written once with the placeholder, hashed, and that line replaced. A
  // raw newline never occurs inside a JSON string, so the line below can only be the field itself.
  const line = (ns: string): string => `\n  "documentNamespace": "${ns}",`;
  const text = `${JSON.stringify(document23(view, PLACEHOLDER_NAMESPACE), null, 2)}\n`;
  const at = text.indexOf(line(PLACEHOLDER_NAMESPACE));
  return text.slice(0, at) + line(contentNamespace(text)) + text.slice(at + line(PLACEHOLDER_NAMESPACE).length);
}
