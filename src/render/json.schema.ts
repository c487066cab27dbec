import { z } from "zod";

/**
 * zod schemas of flake-audit's JSON outputs: the JSON renderers parse their report through these
 * (so the output always conforms), and schemas/*.schema.json are generated from them.
 */
const ToolSchema = z.object({ name: z.string(), version: z.string() });
const SubjectSchema = z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const GapSchema = z.object({ input: z.string().optional(), reason: z.string() });

export const InputFactsSchema = z
  .object({
    input: z.string().describe("primary input path, e.g. home-manager/nixpkgs"),
    inputPaths: z.array(z.string()).describe("every input path that reaches the same locked source"),
    type: z.string().describe("github, gitlab, sourcehut, git, hg, tarball, file, path, indirect or an unknown type"),
    owner: z.string().optional(),
    repo: z.string().optional(),
    url: z.string().describe("the locked flake reference"),
    original: z.string().optional().describe("the reference as written in flake.nix"),
    rev: z.string().optional(),
    narHash: z.string().optional().describe("SRI SHA-256 NAR hash of the source"),
    lastModified: z.string().optional().describe("ISO 8601"),
    storePath: z.string().optional().describe("computed /nix/store path of the source"),
  })
  .describe("A locked flake input");

export const TraceReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: ToolSchema,
    path: z.string().describe("the traced store path"),
    kind: z.enum(["source", "derivation", "output", "unknown"]),
    attribution: z.enum(["source", "build", "none"]).describe("source: the path is an input's source; build: built from or embedding inputs; none: no locked input"),
    inputs: z.array(InputFactsSchema).describe("inputs whose source is this path"),
    sources: z.array(z.object({ path: z.string(), via: z.enum(["derivation", "references"]), depth: z.number().int(), inputs: z.array(InputFactsSchema) })).describe("locked sources the path was built from or embeds, nearest first"),
    chain: z.array(z.string()).describe("shortest reference chain from a closure root to the path, root first"),
    deriver: z.string().optional(),
    nearestAttributed: z.object({ path: z.string(), inputs: z.array(InputFactsSchema) }).optional(),
    notes: z.array(z.string()).describe("hints about what the answer means"),
    lockFile: SubjectSchema.optional(),
    closureFile: SubjectSchema.extend({ shape: z.string() }).optional(),
    gaps: z.array(GapSchema),
  })
  .describe("flake-audit trace --format json");

const SeveritySchema = z.enum(["info", "low", "medium", "high"]);
export const FindingSchema = z.object({ rule: z.string(), severity: SeveritySchema, input: z.string(), message: z.string() });
const SignatureSchema = z.union([z.object({ state: z.literal("verified") }), z.object({ state: z.literal("unverified"), reason: z.string() }), z.object({ state: z.literal("unsigned") })]);
export const CommitSchema = z.object({
  sha: z.string(), committedDate: z.string(), authoredDate: z.string(), authorName: z.string().optional(), committerName: z.string().optional(),
  messageHeadline: z.string(), url: z.string(), signature: SignatureSchema,
});
const ReachableSchema = z.object({ ref: z.string(), contained: z.boolean(), status: z.enum(["ahead", "behind", "diverged", "identical", "ref-not-found"]), headOid: z.string().optional() });
export const UpstreamSchema = z.object({
  repository: z.string().describe("canonical owner/name"), renamedFrom: z.string().optional(), url: z.string(), commit: CommitSchema.optional(),
  reachable: ReachableSchema.optional().describe("whether the rev is on the ref the flake follows"), license: z.string().nullable().describe("SPDX id"),
  archived: z.boolean(), fork: z.boolean(), parent: z.string().optional(),
});
export const ResolveReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: ToolSchema,
    lockFile: SubjectSchema.optional(),
    offline: z.boolean(),
    requests: z.number().int().describe("HTTP requests made to GitHub"),
    inputs: z.array(z.object({
      input: z.string(), inputPaths: z.array(z.string()), type: z.string(), status: z.enum(["resolved", "not-found", "unsupported", "failed"]),
      reason: z.string().optional(), rev: z.string().optional(), host: z.string().optional(), upstream: UpstreamSchema.optional(),
    })),
    findings: z.array(FindingSchema),
    gaps: z.array(GapSchema),
  })
  .describe("flake-audit resolve --format json");

const LockedSideSchema = z.object({
  type: z.string(), url: z.string().describe("the locked flake reference"), attrs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).describe("the locked attributes"),
  rev: z.string().optional(), narHash: z.string().optional(), lastModified: z.number().optional(), ref: z.string().optional(), follows: z.string().optional(), flake: z.boolean(),
});
const ChangeKindSchema = z.enum(["added", "removed", "source-changed", "follows-changed", "narhash-changed", "pin-lost", "updated", "ref-changed", "flake-toggled", "last-modified-backwards"]);
export const DiffReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: ToolSchema,
    evaluatedAt: z.string(),
    old: z.object({ source: z.string(), sha256: z.string() }),
    new: z.object({ source: z.string(), sha256: z.string() }),
    lockOnly: z.boolean(),
    offline: z.boolean(),
    changes: z.array(z.object({
      input: z.string().describe("input path, e.g. home-manager/nixpkgs"),
      kind: ChangeKindSchema.describe("the most important kind of change"),
      kinds: z.array(ChangeKindSchema),
      old: LockedSideSchema.optional(),
      new: LockedSideSchema.optional(),
      refMove: z.object({ from: z.string(), to: z.string(), move: z.enum(["major", "minor", "patch", "prerelease", "downgrade", "same", "incomparable"]) }).optional(),
      upstream: z.object({
        status: z.enum(["ahead", "behind", "diverged", "identical"]), aheadBy: z.number().int(), behindBy: z.number().int(), totalCommits: z.number().int(),
        commits: z.array(z.object({ sha: z.string(), headline: z.string(), author: z.string().optional(), date: z.string(), url: z.string() })),
        compareUrl: z.string(), mergeBase: z.string().optional(), newRevReachable: ReachableSchema.optional(), newRevSignature: SignatureSchema.optional(),
      }).optional(),
      upstreamError: z.object({ error: z.string(), message: z.string() }).optional(),
      age: z.object({ oldDays: z.number().optional(), newDays: z.number().optional(), betweenDays: z.number().optional() }).optional(),
    })),
    unchangedCount: z.number().int(),
    findings: z.array(FindingSchema),
    closure: z.object({
      packages: z.array(z.object({ name: z.string(), change: z.enum(["added", "removed", "version-changed", "size-changed"]), oldVersions: z.array(z.string()), newVersions: z.array(z.string()), sizeDelta: z.number() })),
      oldSize: z.number(), newSize: z.number(),
    }).optional(),
    gaps: z.array(GapSchema),
  })
  .describe("flake-audit diff --format json");

const LocatedFindingSchema = FindingSchema.extend({
  nodeKey: z.string().optional().describe("the flake.lock node the finding is about"),
  location: z.object({ line: z.number().int(), column: z.number().int() }).optional().describe("where that node starts in flake.lock"),
  suppressedBy: z.object({ reason: z.string(), expires: z.string().optional() }).optional(),
});
export const CheckReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: ToolSchema,
    evaluatedAt: z.string(),
    lockFile: SubjectSchema,
    upstream: z.enum(["online", "offline", "lock-only"]),
    policy: z.object({ source: z.string(), settings: z.unknown().describe("the effective default settings"), overrides: z.number().int(), allowances: z.number().int() }).describe("the policy that applied"),
    findings: z.array(LocatedFindingSchema),
    suppressed: z.array(LocatedFindingSchema).describe("findings the policy's allow list accepts"),
    gaps: z.array(GapSchema),
  })
  .describe("flake-audit check --format json");

const ID_BASE = "https://flake-audit.invalid/schemas/";

/** JSON Schemas of the JSON outputs, generated from the zod schemas above (schemas/*.schema.json). */
export function outputJsonSchemas(): Record<string, object> {
  const gen = (schema: z.ZodType, file: string, title: string): [string, object] => [file, { ...z.toJSONSchema(schema, { target: "draft-2020-12" }), $id: `${ID_BASE}${file}`, title }];
  return Object.fromEntries([
    gen(TraceReportSchema, "trace.v1.schema.json", "flake-audit trace --format json"),
    gen(ResolveReportSchema, "resolve.v1.schema.json", "flake-audit resolve --format json"),
    gen(DiffReportSchema, "lock-diff.v1.schema.json", "flake-audit diff --format json"),
    gen(CheckReportSchema, "check-report.v1.schema.json", "flake-audit check --format json"),
  ]);
}
