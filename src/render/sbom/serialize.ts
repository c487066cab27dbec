import * as Serialize from "@cyclonedx/cyclonedx-library/Serialize";
import * as Spec from "@cyclonedx/cyclonedx-library/Spec";
import type { SbomModel } from "../../domain/sbom-model.js";
import { replaceXmlForbidden } from "../escape.js";
import { toBomView, type BomView } from "./bom-view.js";
import { renderCycloneDxJson } from "./render-json.js";
import { toCycloneDxBom } from "./to-bom.js";
import { PackageXmlSerializer } from "./xml-pedigree.js";

import type { BomFormat, SpecVersion } from "./options.js";

export { SPEC_VERSIONS, BOM_FORMATS, type BomFormat, type SpecVersion } from "./options.js";

const SPECS: Readonly<Record<SpecVersion, typeof Spec.Spec1dot6>> = {
  "1.4": Spec.Spec1dot4,
  "1.5": Spec.Spec1dot5,
  "1.6": Spec.Spec1dot6,
  "1.7": Spec.Spec1dot7,
};

/**
 * Renders the SBOM as CycloneDX JSON or XML text. Lists are sorted, so the same lock always gives
 * the same bytes. The CLI imports render-json.ts directly for JSON, so it never loads the library.
 */
export function renderCycloneDx(model: SbomModel, spec: SpecVersion, format: BomFormat): string {
  return format === "json" ? renderCycloneDxJson(model, spec) : renderCycloneDxXml(model, spec);
}

export function renderCycloneDxXml(model: SbomModel, spec: SpecVersion): string {
  const serializer = new PackageXmlSerializer(new Serialize.XML.Normalize.Factory(SPECS[spec]));
  // Names, URLs and signatures come from a lock or a store and may carry what XML 1.0 forbids.
  const xml = serializer.serialize(toCycloneDxBom(toBomView(model, spec)), { sortLists: true, space: 2 });
  return `${replaceXmlForbidden(xml)}\n`;
}

/** The CycloneDX library's own JSON serialisation: the reference the fast JSON writer is tested against. */
export const renderCycloneDxJsonWithLibrary = (model: SbomModel, spec: SpecVersion): string =>
  serializeViewWithLibrary(toBomView(model, spec), spec);

export function serializeViewWithLibrary(view: BomView, spec: SpecVersion): string {
  const factory = new Serialize.JSON.Normalize.Factory(SPECS[spec]);
  const bom = factory.makeForBom().normalize(toCycloneDxBom(view), { sortLists: true });
  // The library leaves an empty dependsOn out; the schema allows [] and cdxgen's cdx-validate requires it.
  for (const d of bom.dependencies ?? []) d.dependsOn ??= [];
  return `${JSON.stringify(bom, null, 2)}\n`;
}
