import { z } from "zod";

const patches = z.array(z.string()).describe("patch names: a fetched patch's fetcher name, else the store name");
const changedInput = z.object({
  name: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  what: z.enum(["version", "added", "source", "patches", "other"]),
});
const reason = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("patches"), added: patches, removed: patches }),
  z.object({ kind: z.literal("source"), from: z.string(), to: z.string() }),
  z.object({
    kind: z.literal("inputs"),
    changed: z.array(changedInput).describe("the nearest changed packages it is built from (at most 3, by name)"),
    more: z.boolean().describe("other changed inputs were left out"),
  }),
  z.object({ kind: z.literal("other").describe("the builder, its script or other attributes changed") }),
]);

const compared = z.object({
  installable: z.string(),
  status: z.literal("compared"),
  versionChanges: z.array(
    z.object({
      name: z.string(),
      from: z.array(z.string()).describe("every version on the old side, in Nix's version order"),
      to: z.array(z.string()),
      direction: z.enum(["upgrade", "downgrade", "same"]).describe("Nix's compareVersions of the newest of each side"),
      drvPath: z.string(),
      source: z
        .object({
          name: z.string(),
          url: z.string().optional(),
          rev: z.string().optional(),
          hash: z.string().optional(),
        })
        .optional()
        .describe("the new version's first fetched source, as nixpkgs wrote it"),
      patchesAdded: patches,
      patchesRemoved: patches,
    }),
  ),
  added: z.array(z.object({ name: z.string(), versions: z.array(z.string()) })),
  removed: z.array(z.object({ name: z.string(), versions: z.array(z.string()) })),
  rebuilt: z
    .array(z.object({ name: z.string(), version: z.string(), drvPath: z.string(), reasons: z.array(reason) }))
    .describe("packages rebuilt at the same version, with what their derivation shows as the reason"),
  rebuildCount: z.number().int().describe(".drv paths the new closure has and the old one does not"),
  licencesNotCompared: z
    .number()
    .int()
    .optional()
    .describe("packages on both sides a meta file has no entry for at one side: their licences were not compared"),
  derivations: z.object({ old: z.number().int(), new: z.number().int() }),
  licences: z
    .array(
      z.object({
        name: z.string(),
        version: z.string(),
        output: z.string().describe("the new side's output whose meta was read: out, else the package's first"),
        path: z.string().describe("that output's store path"),
        from: z.array(z.string()),
        to: z.array(z.string()),
        unfree: z.array(z.string()).describe("licences new on this side that nixpkgs marks unfree"),
      }),
    )
    .optional()
    .describe("absent without --meta-old/--meta-new (see licenceGap)"),
});

const failed = z.object({
  installable: z.string(),
  status: z.literal("failed"),
  side: z.enum(["old", "new", "both"]),
  error: z.string().describe("nix's error, bounded"),
});

export const ImpactSchema = z
  .object({
    old: z.string().describe("the base revision as given"),
    new: z.string().describe("the head revision as given"),
    installables: z.array(z.discriminatedUnion("status", [compared, failed])),
    licenceGap: z.object({ reason: z.string(), options: z.array(z.string()) }).optional(),
  })
  .describe("--installable: what the lock change does to each installable's packages (evaluation only)");
