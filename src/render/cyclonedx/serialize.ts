import * as CDX from "@cyclonedx/cyclonedx-library";
import type { SbomModel } from "../../domain/reports.js";
import { toCycloneDxBom } from "./to-bom.js";

export const SPEC_VERSIONS = ["1.4", "1.5", "1.6", "1.7"] as const;
export type SpecVersion = (typeof SPEC_VERSIONS)[number];
export const BOM_FORMATS = ["json", "xml"] as const;
export type BomFormat = (typeof BOM_FORMATS)[number];

const SPECS: Readonly<Record<SpecVersion, typeof CDX.Spec.Spec1dot6>> = {
  "1.4": CDX.Spec.Spec1dot4,
  "1.5": CDX.Spec.Spec1dot5,
  "1.6": CDX.Spec.Spec1dot6,
  "1.7": CDX.Spec.Spec1dot7,
};

/**
 * Renders the SBOM as CycloneDX JSON or XML text. `sortLists` makes the output independent of
 * insertion order, so the same lock always gives the same bytes.
 */
export function renderCycloneDx(model: SbomModel, spec: SpecVersion, format: BomFormat): string {
  const bom = toCycloneDxBom(model);
  const protocol = SPECS[spec];
  if (format === "xml") {
    const serializer = new CDX.Serialize.XmlSerializer(new CDX.Serialize.XML.Normalize.Factory(protocol));
    return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
  }
  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(protocol));
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
}
