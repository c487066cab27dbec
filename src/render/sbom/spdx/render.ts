import type { SbomModel } from "../../../domain/sbom-model.js";
import type { SpdxSpecVersion } from "../options.js";
import { renderSpdx23 } from "./spdx-2.3.js";
import { renderSpdx3 } from "./spdx-3.js";

/** SPDX JSON of the SBOM model: 2.3 JSON or 3.0.1 JSON-LD. */
export const renderSpdxJson = (model: SbomModel, spec: SpdxSpecVersion): string =>
  spec === "2.3" ? renderSpdx23(model) : renderSpdx3(model);
