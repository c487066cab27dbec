import { z } from "zod";
import { CHECK_RULES } from "../../domain/policy/policy.js";

const Severity = z.enum(["info", "low", "medium", "high"]);
const IsoDate = z.string().regex(/^\d{4}-\d\d-\d\d$/, { message: "expected a date like 2025-06-30" });
const RuleSetting = z
  .strictObject({ enabled: z.boolean().optional(), severity: Severity.optional() })
  .describe("turn a rule on or off, or change its severity");
const Rules = z.strictObject(
  // Object.fromEntries types its keys as string: it cannot know they are exactly CHECK_RULES.
  Object.fromEntries(CHECK_RULES.map((r) => [r, RuleSetting.optional()])) as Record<
    (typeof CHECK_RULES)[number],
    z.ZodOptional<typeof RuleSetting>
  >,
);

const settings = {
  rules: Rules.optional(),
  maxAgeDays: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("stale: the oldest lastModified allowed, in days (default 90)"),
  nixpkgsMaxAgeDays: z.number().int().positive().optional().describe("stale, for nixpkgs inputs (default 30)"),
  supportedBranches: z
    .strictObject({
      releases: z.array(z.strictObject({ version: z.string().regex(/^\d\d\.\d\d$/), endOfLife: IsoDate })).optional(),
      rolling: z.array(z.string()).optional(),
    })
    .optional()
    .describe("unsupported-branch: replaces the bundled list of supported nixpkgs releases and rolling branches"),
  allowedLicenses: z.array(z.string()).optional().describe("license-not-allowed: SPDX ids that are acceptable"),
};

/** A check policy, as written in JSON or YAML. Every field is optional; defaults fill the rest. */
export const PolicySchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1).optional(),
    ...settings,
    requiredPackages: z
      .array(z.string())
      .optional()
      .describe("package-removed (diff --installable): package-name globs an installable must keep, e.g. openssh"),
    overrides: z
      .array(
        z.strictObject({
          inputs: z.string().describe("input-path glob, e.g. home-manager/* or **/nixpkgs"),
          ...settings,
        }),
      )
      .optional()
      .describe("settings for inputs matching a glob, applied in order"),
    allow: z
      .array(
        z.strictObject({
          rule: z.enum(CHECK_RULES),
          input: z.string().describe("input-path glob"),
          reason: z.string().min(1),
          expires: IsoDate.optional(),
        }),
      )
      .optional()
      .describe("accepted findings; an expired entry stops suppressing and is itself reported"),
  })
  .describe("flake-audit check policy (version 1)");

export type PolicyFile = z.infer<typeof PolicySchema>;
