import { z } from "zod";

// What `nix-env -qa --json --meta --out-path -f NIXPKGS` prints per attribute (checked with Nix
// 2.8): name, pname, version, system, outputName, outputs {name: path}, meta {…}. Only the fields
// flake-audit reads are typed; everything else in meta (maintainers, platforms …) passes unread.
// nix-env prints null for some values, so optional fields accept null too.

const str = z.string().nullish();

export const LicenseObjectSchema = z.looseObject({
  spdxId: str,
  fullName: str,
  shortName: str,
  url: str,
  free: z.boolean().nullish(),
  redistributable: z.boolean().nullish(),
});
const LicenseItem = z.union([z.string(), LicenseObjectSchema]);

export const MetaAttrsSchema = z.looseObject({
  description: str,
  license: z.union([LicenseItem, z.array(LicenseItem)]).nullish(),
  homepage: z.union([z.string(), z.array(z.string())]).nullish(),
  identifiers: z
    .looseObject({
      cpe: str,
      purl: str,
      purls: z.array(z.string()).nullish(),
    })
    .nullish(),
});

export const MetaEntrySchema = z.looseObject({
  name: str,
  pname: str,
  version: str,
  system: str,
  outputName: str,
  outputs: z.record(z.string(), z.string().nullable()).nullish(),
  meta: MetaAttrsSchema.nullish(),
});

export const MetaDocumentSchema = z.record(z.string(), MetaEntrySchema);

export type LicenseObject = z.infer<typeof LicenseObjectSchema>;
export type MetaAttrs = z.infer<typeof MetaAttrsSchema>;
export type MetaEntry = z.infer<typeof MetaEntrySchema>;
