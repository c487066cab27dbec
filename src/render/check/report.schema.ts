import { z } from "zod";
import { findingSchema } from "../finding.schema.js";
import { ToolSchema, SubjectSchema, GapSchema } from "../report.schema.js";

const LocatedFindingSchema = findingSchema({
  nodeKey: z.string().optional().describe("the flake.lock node the finding is about (none for a package)"),
  location: z
    .object({
      line: z.number().int(),
      column: z.number().int(),
      endLine: z.number().int(),
      endColumn: z.number().int().describe("the column just past the node's key"),
    })
    .optional()
    .describe("where that node's key is in flake.lock"),
  paths: z
    .array(z.string())
    .describe("every input path that reaches the locked source, the primary one first (empty for a package)"),
  via: z.string().optional().describe("for a transitive input, the root flake's input that brings it in"),
  follows: z
    .object({
      path: z.array(z.string()).describe("the input path to override, from the root"),
      target: z.string().describe("the root input it could follow"),
    })
    .optional()
    .describe('a follows in flake.nix that would fix the finding: inputs.<path…>.follows = "<target>"'),
  suppressedBy: z.object({ reason: z.string(), expires: z.string().optional() }).optional(),
}).meta({ id: "LocatedFinding" });
export const CheckReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: ToolSchema,
    evaluatedAt: z.string(),
    lockFile: SubjectSchema.optional().describe("the lock that was read; absent when a closure alone was checked"),
    closureFile: SubjectSchema.optional().describe(
      "the closure file whose packages were checked (absent without one, or when --closure-of asked nix)",
    ),
    repositoryPath: z
      .string()
      .optional()
      .describe("the lock's path from the root of the git work tree holding it, when it is in one"),
    upstream: z
      .enum(["online", "offline", "lock-only"])
      .optional()
      .describe("how upstream facts were gathered; absent without a lock (no inputs to ask about)"),
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
