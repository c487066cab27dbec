import { z } from "zod";
import { ToolSchema, SubjectSchema, GapSchema, InputFactsSchema } from "../report.schema.js";

export const TraceReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: ToolSchema,
    path: z.string().describe("the traced store path"),
    kind: z.enum(["source", "derivation", "output", "unknown"]),
    attribution: z
      .enum(["source", "build", "none", "unknown"])
      .describe(
        "source: the path is an input's source; build: built from or embedding inputs; none: no locked input; unknown: the data given cannot tell (a gap names the options that would)",
      ),
    inputs: z
      .array(InputFactsSchema)
      .describe(
        "every input the path is attributed to: those whose source it is, then those of the sources it was built from or embeds, nearest first",
      ),
    sources: z
      .array(
        z.object({
          path: z.string(),
          via: z.enum(["derivation", "references"]),
          depth: z.number().int(),
          inputs: z.array(InputFactsSchema),
        }),
      )
      .describe("locked sources the path was built from or embeds, nearest first"),
    chain: z.array(z.string()).describe("shortest reference chain from a closure root to the path, root first"),
    deriver: z.string().optional(),
    nearestAttributed: z.object({ path: z.string(), inputs: z.array(InputFactsSchema) }).optional(),
    notes: z.array(z.string()).describe("hints about what the answer means"),
    lockFile: SubjectSchema.optional(),
    closureFile: SubjectSchema.extend({ shape: z.string() }).optional(),
    gaps: z.array(
      GapSchema.extend({
        options: z
          .array(z.string())
          .optional()
          .describe("data not given, by the options that would give it: a choice, never exit 4"),
      }),
    ),
  })
  .describe("flake-audit trace --format json");
