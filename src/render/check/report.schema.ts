import { z } from "zod";
import { findingSchema } from "../finding.schema.js";
import { ToolSchema, SubjectSchema, GapSchema } from "../report.schema.js";

const LocatedFindingSchema = findingSchema({
  nodeKey: z.string().optional().describe("the flake.lock node the finding is about"),
  location: z
    .object({ line: z.number().int(), column: z.number().int() })
    .optional()
    .describe("where that node starts in flake.lock"),
  suppressedBy: z.object({ reason: z.string(), expires: z.string().optional() }).optional(),
}).meta({ id: "LocatedFinding" });
export const CheckReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: ToolSchema,
    evaluatedAt: z.string(),
    lockFile: SubjectSchema,
    upstream: z.enum(["online", "offline", "lock-only"]),
    policy: z
      .object({
        source: z.string(),
        settings: z.unknown().describe("the effective default settings"),
        overrides: z.number().int(),
        allowances: z.number().int(),
      })
      .describe("the policy that applied"),
    findings: z.array(LocatedFindingSchema),
    suppressed: z.array(LocatedFindingSchema).describe("findings the policy's allow list accepts"),
    gaps: z.array(GapSchema),
  })
  .describe("flake-audit check --format json");
