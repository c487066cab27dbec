import type { SbomModel } from "../../domain/sbom-model.js";
import { toBomView } from "./bom-view.js";
import { writeCycloneDxJson, writeCycloneDxJsonChunks } from "./json-writer.js";
import type { SpecVersion } from "./options.js";

/** CycloneDX JSON without loading the CycloneDX library (see json-writer.ts). */
export const renderCycloneDxJson = (model: SbomModel, spec: SpecVersion): string =>
  writeCycloneDxJson(toBomView(model, spec), spec);

/** The same text in chunks, for writing very large BOMs without one giant string. */
export const renderCycloneDxJsonChunks = (model: SbomModel, spec: SpecVersion): Iterable<string> =>
  writeCycloneDxJsonChunks(toBomView(model, spec), spec);
