// Kept apart from the serializer so `--help` does not load the CycloneDX library.
export const SPEC_VERSIONS = ["1.4", "1.5", "1.6", "1.7"] as const;
export type SpecVersion = (typeof SPEC_VERSIONS)[number];
export const BOM_FORMATS = ["json", "xml"] as const;
export type BomFormat = (typeof BOM_FORMATS)[number];
/** SPDX: `--format spdx-json` with `--spec 2.3` (SPDX 2.3 JSON) or `3.0` (SPDX 3.0.1 JSON-LD). */
export const SPDX_SPEC_VERSIONS = ["2.3", "3.0"] as const;
export type SpdxSpecVersion = (typeof SPDX_SPEC_VERSIONS)[number];
export const SPDX_FORMATS = ["spdx-json"] as const;
