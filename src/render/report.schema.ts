import { z } from "zod";

export { FindingSchema, SeveritySchema } from "./finding.schema.js";

/**
 * zod schemas of the parts flake-audit's JSON reports share. Each command's report schema sits beside its
 * renderers (render/<command>/report.schema.ts); renderJson parses a report through its schema, so the output
 * always conforms, and schemas/*.schema.json are generated from them.
 */
export const ToolSchema = z.object({ name: z.string(), version: z.string() });
export const SubjectSchema = z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export const GapSchema = z.object({ input: z.string().optional(), reason: z.string() });

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

export const SignatureSchema = z.union([
  z.object({ state: z.literal("verified") }),
  z.object({ state: z.literal("unverified"), reason: z.string() }),
  z.object({ state: z.literal("unsigned") }),
]);
export const CommitSchema = z.object({
  sha: z.string(),
  committedDate: z.string(),
  authoredDate: z.string(),
  authorName: z.string().optional(),
  committerName: z.string().optional(),
  messageHeadline: z.string(),
  url: z.string(),
  signature: SignatureSchema,
});
export const ReachableSchema = z.object({
  ref: z.string(),
  contained: z.boolean(),
  status: z.enum(["ahead", "behind", "diverged", "identical", "ref-not-found"]),
  headOid: z.string().optional(),
});
export const UpstreamSchema = z.object({
  repository: z.string().describe("canonical owner/name"),
  renamedFrom: z.string().optional(),
  url: z.string(),
  commit: CommitSchema.optional(),
  reachable: ReachableSchema.optional().describe("whether the rev is on the ref the flake follows"),
  license: z.string().nullable().describe("SPDX id"),
  archived: z.boolean(),
  fork: z.boolean(),
  parent: z.string().optional(),
});
