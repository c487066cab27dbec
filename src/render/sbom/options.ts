// Kept apart from the serializer so `--help` does not load the CycloneDX library.
export const SPEC_VERSIONS = ["1.4", "1.5", "1.6", "1.7"] as const;
export type SpecVersion = (typeof SPEC_VERSIONS)[number];
export const BOM_FORMATS = ["json", "xml"] as const;
export type BomFormat = (typeof BOM_FORMATS)[number];
