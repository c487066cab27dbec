import { z } from "zod";

/** Nix reads JSON strings, unsigned integers and booleans as attribute values; nothing else. */
export const AttrValueSchema = z.union([z.string(), z.number().int().nonnegative(), z.boolean()], {
  error: "attribute values must be a string, a non-negative integer or a boolean",
});
export const AttrsSchema = z.record(z.string(), AttrValueSchema);

/** A string names a node key; an array is a follows path from the root (`[]` is the root flake). */
export const EdgeSchema = z.union([z.string(), z.array(z.string())], {
  error: "an input must be a node key (string) or a follows path (array of strings)",
});

export const LockNodeSchema = z
  .looseObject({
    inputs: z.record(z.string(), EdgeSchema).optional(),
    locked: AttrsSchema.optional(),
    original: AttrsSchema.optional(),
    info: AttrsSchema.optional().describe("version 5 only: narHash, lastModified, revCount; merged over locked"),
    flake: z.boolean().optional().describe("written only when false: a non-flake input"),
    parent: z
      .array(z.string())
      .optional()
      .describe("Nix >= 2.26: input path a relative path input is resolved against"),
    buildTime: z.boolean().optional().describe("Determinate Nix: fetched at build time"),
  })
  .describe("A node of the lock graph");

export const SUPPORTED_LOCK_VERSIONS = [5, 6, 7] as const;

export const FlakeLockSchema = z
  .looseObject({
    version: z.union([z.literal(5), z.literal(6), z.literal(7)]),
    root: z.string(),
    nodes: z.record(z.string(), LockNodeSchema),
  })
  .describe("A Nix flake.lock file, versions 5 to 7");

export type FlakeLockFile = z.infer<typeof FlakeLockSchema>;
export type LockNodeJson = z.infer<typeof LockNodeSchema>;
export type AttrsJson = z.infer<typeof AttrsSchema>;

const REV = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const rev = z.string().regex(REV, { message: "expected a 40-character (or 64-character) lowercase hex commit id" });
const int = z.number().int().nonnegative();
const common = {
  rev: rev.optional(),
  ref: z.string().optional(),
  narHash: z.string().optional(),
  lastModified: int.optional(),
  revCount: int.optional(),
  dir: z.string().optional(),
  name: z.string().optional(),
};
const forge = z.looseObject({
  ...common,
  owner: z.string().min(1),
  repo: z.string().min(1),
  host: z.string().optional(),
});
const urlSource = z.looseObject({ ...common, url: z.string().min(1) });

/** Attribute checks per known input type; unknown types are kept as data. */
export const SOURCE_ATTR_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  github: forge,
  gitlab: forge,
  sourcehut: forge,
  git: z.looseObject({
    ...common,
    url: z.string().min(1),
    submodules: z.boolean().optional(),
    shallow: z.boolean().optional(),
  }),
  hg: urlSource,
  tarball: urlSource,
  file: urlSource,
  path: z.looseObject({ ...common, path: z.string().min(1) }),
  indirect: z.looseObject({ ...common, id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/) }),
};
