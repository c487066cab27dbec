import { z } from "zod";
import { ToolSchema, SubjectSchema, GapSchema, FindingSchema, UpstreamSchema } from "../report.schema.js";

export const ResolveReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: ToolSchema,
    lockFile: SubjectSchema.optional(),
    offline: z.boolean(),
    requests: z.number().int().describe("HTTP requests made to GitHub"),
    inputs: z.array(
      z.object({
        input: z.string(),
        inputPaths: z.array(z.string()),
        type: z.string(),
        status: z.enum(["resolved", "not-found", "unsupported", "failed"]),
        reason: z.string().optional(),
        rev: z.string().optional(),
        host: z.string().optional(),
        upstream: UpstreamSchema.optional(),
      }),
    ),
    findings: z.array(FindingSchema),
    gaps: z.array(GapSchema),
  })
  .describe("flake-audit resolve --format json");
