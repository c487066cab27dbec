import { z } from "zod";
import { CHANGE_KINDS } from "../../domain/diff/lock-diff.js";
import { ImpactSchema } from "./impact.schema.js";
import { ToolSchema, GapSchema, SignatureSchema, ReachableSchema, FindingSchema } from "../report.schema.js";

const LockedSideSchema = z.object({
  type: z.string(),
  url: z.string().describe("the locked flake reference"),
  attrs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).describe("the locked attributes"),
  rev: z.string().optional(),
  narHash: z.string().optional(),
  lastModified: z.number().optional(),
  ref: z.string().optional(),
  follows: z.string().optional(),
  flake: z.boolean(),
});
const ChangeKindSchema = z.enum(CHANGE_KINDS);
export const DiffReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: ToolSchema,
    evaluatedAt: z.string(),
    old: z.object({ source: z.string(), sha256: z.string() }),
    new: z.object({ source: z.string(), sha256: z.string() }),
    lockOnly: z.boolean(),
    offline: z.boolean(),
    changes: z.array(
      z.object({
        input: z.string().describe("input path, e.g. home-manager/nixpkgs"),
        kind: ChangeKindSchema.describe("the most important kind of change"),
        kinds: z.array(ChangeKindSchema),
        old: LockedSideSchema.optional(),
        new: LockedSideSchema.optional(),
        refMove: z
          .object({
            from: z.string(),
            to: z.string(),
            move: z.enum(["major", "minor", "patch", "prerelease", "downgrade", "same", "incomparable"]),
          })
          .optional(),
        release: z
          .object({ from: z.string(), to: z.string() })
          .optional()
          .describe("a file or tarball input's release, from the version-like segment of its URL"),
        subtreeFollows: z
          .array(z.object({ input: z.string(), follows: z.string(), kind: z.enum(["added", "removed"]) }))
          .optional()
          .describe("follows that came or went with this input's subtree; follows '' is the root flake"),
        subtreeSources: z
          .array(z.object({ input: z.string(), kind: z.enum(["added", "removed"]), url: z.string() }))
          .optional()
          .describe("locked inputs that came or went with this input's subtree (added, removed, flake = false)"),
        upstream: z
          .object({
            status: z.enum(["ahead", "behind", "diverged", "identical"]),
            aheadBy: z.number().int(),
            behindBy: z.number().int(),
            totalCommits: z.number().int(),
            commits: z.array(
              z.object({
                sha: z.string(),
                headline: z.string(),
                author: z.string().optional(),
                date: z.string(),
                url: z.string(),
              }),
            ),
            compareUrl: z.string(),
            mergeBase: z.string().optional(),
            newRevReachable: ReachableSchema.optional(),
            newRevSignature: SignatureSchema.optional(),
          })
          .optional(),
        upstreamError: z.object({ error: z.string(), message: z.string() }).optional(),
        age: z
          .object({
            oldDays: z.number().optional(),
            newDays: z.number().optional(),
            betweenDays: z.number().optional(),
          })
          .optional(),
      }),
    ),
    unchangedCount: z.number().int(),
    findings: z.array(FindingSchema),
    closure: z
      .object({
        packages: z.array(
          z.object({
            name: z.string(),
            change: z.enum(["added", "removed", "version-changed", "size-changed"]),
            oldVersions: z.array(z.string()).describe("every version in the old closure; '' for none"),
            newVersions: z.array(z.string()),
            removedVersions: z.array(z.string()).describe("versions only the old closure has"),
            addedVersions: z.array(z.string()).describe("versions only the new closure has"),
            sizeDelta: z.number().describe("NAR bytes, new minus old, summed over every version"),
            shownByNix: z.boolean().describe("whether nix store diff-closures prints a line for it"),
          }),
        ),
        oldSize: z.number(),
        newSize: z.number(),
      })
      .optional(),
    impact: ImpactSchema.optional(),
    gaps: z.array(GapSchema),
  })
  .describe("flake-audit diff --format json");
