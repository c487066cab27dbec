import { z } from "zod";
import { GapSchema, SeveritySchema, SubjectSchema, ToolSchema } from "../report.schema.js";

const GenerationSchema = z.object({ number: z.number().int(), path: z.string(), date: z.string().optional() });
const PackageChangeSchema = z.object({
  name: z.string(),
  change: z.enum(["added", "removed", "version-changed", "size-changed"]),
  oldVersions: z.array(z.string()),
  newVersions: z.array(z.string()),
  sizeDelta: z.number().int(),
});
const ClosureChangeSchema = z.object({
  from: z.string(),
  to: z.string(),
  packages: z.array(PackageChangeSchema),
  sizeDelta: z.number().int(),
});
const CountsSchema = z
  .object({
    trusted: z.number().int(),
    untrusted: z.number().int(),
    unsigned: z.number().int(),
    invalid: z.number().int(),
    contentAddressed: z.number().int(),
  })
  .describe("paths by verdict, as nix store verify --sigs-needed 1 judges them; they add up to paths");

const HostSchema = z.object({
  name: z.string(),
  source: z.union([
    z.object({ kind: z.literal("store"), store: z.string() }),
    z.object({ kind: z.literal("report"), file: z.string() }),
  ]),
  status: z.enum(["ok", "unreachable"]),
  reason: z.string().optional().describe("why the host could not be read"),
  system: z.string().optional(),
  generation: z.number().int().optional(),
  generations: z.array(GenerationSchema),
  approved: z.boolean().nullable().describe("null when no approved system matches the host's name"),
  expectedSystem: z.string().optional(),
  paths: z.number().int(),
  inputs: z.array(
    z.object({
      input: z.string(),
      rev: z.string().optional(),
      lastModified: z.string().optional(),
      storePath: z.string(),
      lock: z.string(),
      approved: z.boolean(),
    }),
  ),
  drift: ClosureChangeSchema.optional().describe("packages from the approved system to the host's"),
  lastChange: ClosureChangeSchema.optional().describe("packages from the previous generation to the current one"),
  signatures: z
    .object({
      counts: CountsSchema,
      untrusted: z.array(z.string()),
      unsigned: z.array(z.string()),
      invalid: z.array(z.string()),
      malformed: z
        .array(z.string())
        .optional()
        .describe("the first paths with a signature that is not <key name>:<base64 of 64 bytes> (absent when none)"),
      malformedCount: z
        .number()
        .int()
        .optional()
        .describe("how many paths carry a malformed signature (absent when none)"),
    })
    .optional(),
});

const examples = { count: z.number().int(), examples: z.array(z.string()) };
const FindingSchema = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("drift"),
      host: z.string(),
      expected: z.string(),
      actual: z.string(),
      changedPackages: z.number().int().optional(),
    }),
    z.object({
      kind: z.literal("stale-nixpkgs"),
      host: z.string(),
      approvedRev: z.string().optional(),
      runningRev: z.string().optional(),
      runningLastModified: z.string().optional(),
    }),
    z.object({ kind: z.literal("untrusted-paths"), host: z.string(), ...examples }),
    z.object({ kind: z.literal("unsigned-paths"), host: z.string(), ...examples }),
    z.object({ kind: z.literal("invalid-signature"), host: z.string(), ...examples }),
    z.object({ kind: z.literal("host-unreachable"), host: z.string(), reason: z.string() }),
  ])
  .and(z.object({ severity: SeveritySchema }));

export const FleetReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: ToolSchema,
    fleetFile: SubjectSchema.optional(),
    approvedLock: SubjectSchema.extend({ nixpkgsRev: z.string().optional() }).optional(),
    trustedKeys: z.array(z.string()).describe("names of the trusted keys"),
    hosts: z.array(HostSchema),
    groups: z.array(z.object({ system: z.string(), hosts: z.array(z.string()), approved: z.boolean().nullable() })),
    totals: z.object({
      hosts: z.number().int(),
      read: z.number().int(),
      gaps: z.number().int(),
      distinctSystems: z.number().int(),
      distinctPaths: z.number().int(),
      untrustedPaths: z.number().int(),
      unsignedPaths: z.number().int(),
      invalidPaths: z.number().int(),
    }),
    findings: z.array(FindingSchema),
    gaps: z.array(GapSchema),
  })
  .describe("flake-audit fleet --format json");
