import { z } from "zod";

/** zod for exactly the fields flake-audit reads from GitHub's GraphQL answers. */
const Target = z.object({ oid: z.string() }).nullable().optional();

export const RepoSchema = z.looseObject({
  nameWithOwner: z.string(),
  url: z.string().optional(),
  isArchived: z.boolean().optional(),
  isFork: z.boolean().optional(),
  parent: z.object({ nameWithOwner: z.string() }).nullable().optional(),
  licenseInfo: z.object({ spdxId: z.string().nullable() }).nullable().optional(),
  defaultBranchRef: z.object({ name: z.string(), target: Target }).nullable().optional(),
});

export const CommitSchema = z.object({
  oid: z.string(),
  // Parsed into Dates downstream: a malformed one makes the commit a malformed response, not a crash.
  committedDate: z.iso.datetime({ offset: true }),
  authoredDate: z.iso.datetime({ offset: true }),
  messageHeadline: z.string(),
  url: z.string(),
  author: z.object({ name: z.string().nullable() }).nullable(),
  committer: z.object({ name: z.string().nullable() }).nullable(),
  signature: z.object({ isValid: z.boolean(), state: z.string() }).nullable(),
});

export const RefSchema = z.object({
  name: z.string(),
  target: Target,
  compare: z
    .object({ status: z.enum(["AHEAD", "BEHIND", "DIVERGED", "IDENTICAL"]), aheadBy: z.number(), behindBy: z.number() })
    .nullable()
    .optional(),
});

export const GraphqlErrorSchema = z.object({
  type: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  message: z.string(),
});
export type GraphqlError = z.infer<typeof GraphqlErrorSchema>;

export const RateLimitSchema = z.object({ remaining: z.number(), resetAt: z.string() }).nullable().optional();

export const GraphqlEnvelopeSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z.array(GraphqlErrorSchema).optional(),
});

const RestCommit = z.object({
  // Links are built from it: a commit id, nothing else.
  sha: z.string().regex(/^[0-9a-f]{40}$|^[0-9a-f]{64}$/),
  html_url: z.string(),
  commit: z.object({
    message: z.string(),
    author: z.object({ name: z.string().nullable().optional(), date: z.string().optional() }).nullable().optional(),
    committer: z.object({ name: z.string().nullable().optional(), date: z.string().optional() }).nullable().optional(),
  }),
});

export const CompareResponseSchema = z.object({
  status: z.enum(["ahead", "behind", "diverged", "identical"]),
  ahead_by: z.number(),
  behind_by: z.number(),
  total_commits: z.number(),
  html_url: z.string(),
  merge_base_commit: z.object({ sha: z.string() }).nullable().optional(),
  commits: z.array(RestCommit),
});

export const CommentSchema = z.object({
  id: z.number(),
  body: z.string().nullable().optional(),
  user: z.object({ login: z.string() }).nullable().optional(),
});
export const CommentListSchema = z.array(CommentSchema);
export type RestComment = z.infer<typeof CommentSchema>;
