import * as Enums from "@cyclonedx/cyclonedx-library/Enums";
import * as Models from "@cyclonedx/cyclonedx-library/Models";
import type { HashView, PackageParts, RefView } from "./package-parts.js";

const REF_TYPES = {
  vcs: Enums.ExternalReferenceType.VCS,
  distribution: Enums.ExternalReferenceType.Distribution,
  website: Enums.ExternalReferenceType.Website,
} as const;

/** Package parts by component, for xml-pedigree.ts, which adds what the library has no model for. */
export const pedigreeOf = new WeakMap<Models.Component, PackageParts>();

const hashDictionary = (hs: readonly HashView[]): Models.HashDictionary =>
  new Models.HashDictionary(hs.map((h) => [h.alg as Enums.HashAlgorithm, h.content]));

export const externalReference = (r: RefView): Models.ExternalReference =>
  new Models.ExternalReference(r.url, REF_TYPES[r.type], { hashes: hashDictionary(r.hashes) });

/**
 * A package component's parts on the library's model (for XML). Pedigree has no model there:
 * xml-pedigree.ts adds it to the normalized XML.
 */
export function addPackageParts(c: Models.Component, p: PackageParts): void {
  if (p.description !== undefined) c.description = p.description;
  if (p.scope !== undefined) c.scope = Enums.ComponentScope.Excluded;
  if (p.hashes !== undefined) {
    c.hashes.clear();
    for (const h of p.hashes) c.hashes.set(h.alg as Enums.HashAlgorithm, h.content);
  }
  for (const l of p.licenses)
    c.licenses.add(
      "expression" in l
        ? new Models.LicenseExpression(l.expression)
        : "id" in l
          ? new Models.SpdxLicense(l.id)
          : new Models.NamedLicense(l.name),
    );
  if (p.cpe !== undefined) c.cpe = p.cpe;
  for (const r of p.refs) c.externalReferences.add(externalReference(r));
  pedigreeOf.set(c, p);
}
