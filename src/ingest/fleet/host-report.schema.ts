import { z } from "zod";
import { StorePathText } from "./fleet-file.schema.js";

export const HOST_REPORT_KIND = "flake-audit-host-report";
export const HOST_REPORT_VERSION = 1;

const GenerationSchema = z.object({
  number: z.number().int().min(0),
  path: StorePathText,
  date: z.string().optional().describe("ISO 8601, from the generation link's modification time"),
});

/**
 * What `flake-audit host-report` writes on a host. The closure is `nix path-info --json --recursive`
 * output in Nix 2.33's format 2 (base names, one storeDir) and comes last, so that `fleet --reports`
 * can recognise a closure it has already read by its bytes.
 */
export const HostReportSchema = z
  .object({
    $schema: z.string().optional(),
    kind: z.literal(HOST_REPORT_KIND),
    schemaVersion: z.literal(HOST_REPORT_VERSION),
    tool: z.object({ name: z.string(), version: z.string() }),
    host: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "expected a host name of letters, digits and ._-"),
    collectedAt: z.string().optional().describe("ISO 8601; absent in reproducible mode"),
    system: StorePathText.describe("what the host runs: /run/current-system, or the profile's generation"),
    generation: z.number().int().min(0).optional(),
    generations: z.array(GenerationSchema),
    previous: z
      .object({ system: StorePathText, closure: z.unknown() })
      .optional()
      .describe("the previous generation's system and closure, for the rollback question"),
    closure: z.unknown().describe("nix path-info --json --recursive of the system (any shape nix prints)"),
  })
  .strict()
  .describe("flake-audit host-report");

export type HostReportData = z.infer<typeof HostReportSchema>;
