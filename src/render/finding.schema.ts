import { z } from "zod";
import type { FindingDetails, RuleId } from "../domain/findings.js";

/**
 * Findings in JSON: `rule`, `severity`, `input`, `message` as before, and `details`, the data the
 * message is worded from, whose shape the rule decides (a discriminated union on `rule`).
 */
export const SeveritySchema = z.enum(["info", "low", "medium", "high"]);

const repository = z.strictObject({ repository: z.string() });
const commitCounts = z.strictObject({ aheadBy: z.number().int(), behindBy: z.number().int() });
const fromTo = z.strictObject({ from: z.string(), to: z.string() });
const packageRef = z
  .strictObject({
    name: z.string(),
    version: z.string().optional(),
    output: z.string(),
    storePath: z.string().describe("the runtime store path the package is"),
  })
  .describe("a package of a closure (check --closure with --derivations or --closure-of)");
const beforeAfter = z.strictObject({ before: z.string(), after: z.string() });

/** Names a rule's details schema, so that JSON Schema defines it once (`$defs`) however often it is used. */
const details = <T extends z.ZodType>(rule: RuleId, schema: T): T =>
  schema.meta({ id: `${rule.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase())}Details` });

/** The details of each rule; `satisfies` keeps them in step with the domain's types. */
const DETAILS = {
  stale: details(
    "stale",
    z.strictObject({
      lastModified: z.number().describe("Unix seconds"),
      ageDays: z.number().int(),
      maxAgeDays: z.number().int(),
      threshold: z.enum(["maxAgeDays", "nixpkgsMaxAgeDays"]).describe("the policy setting that applied"),
    }),
  ),
  "unsupported-branch": details(
    "unsupported-branch",
    z.strictObject({
      branch: z.string(),
      supported: z.array(z.string()).describe("branches supported when the check ran"),
    }),
  ),
  "non-upstream-nixpkgs": details("non-upstream-nixpkgs", z.strictObject({ owner: z.string(), repo: z.string() })),
  "duplicate-sources": details(
    "duplicate-sources",
    z.strictObject({
      repository: z.string(),
      revisions: z.array(z.string()).describe("distinct revisions locked; empty for an input without one"),
      inputs: z.array(z.string()).describe("every input path that locks the repository"),
      follow: z.string().describe("the input the others could follow"),
    }),
  ),
  unlocked: details(
    "unlocked",
    z.discriminatedUnion("why", [
      z.strictObject({ why: z.literal("no-rev-or-narhash") }),
      z.strictObject({ why: z.literal("rev-without-narhash") }),
      z.strictObject({ why: z.literal("narhash-without-rev") }),
      z.strictObject({ why: z.literal("local-path"), path: z.string() }),
      z.strictObject({ why: z.literal("non-flake-without-narhash") }),
    ]),
  ),
  "indirect-original": details(
    "indirect-original",
    z.strictObject({ id: z.string().describe("the registry name"), rev: z.string().describe("the locked commit") }),
  ),
  "registry-copy": details(
    "registry-copy",
    z.strictObject({
      path: z.string().describe("the /nix/store path the lock names"),
      id: z.string().optional().describe("the registry name it was resolved from"),
    }),
  ),
  "insecure-transport": details("insecure-transport", z.strictObject({ url: z.string(), scheme: z.string() })),
  "license-not-allowed": details(
    "license-not-allowed",
    z.strictObject({
      license: z.string(),
      allowed: z.array(z.string()),
      package: packageRef.optional().describe("the closure package, for a package's licence"),
      unfree: z.boolean().optional().describe("nixpkgs meta says the licence is not free"),
    }),
  ),
  "allowlist-expired": details(
    "allowlist-expired",
    z.strictObject({ rule: z.string(), reason: z.string(), expires: z.string() }),
  ),
  "rev-not-found": details(
    "rev-not-found",
    z.strictObject({
      host: z.string(),
      repository: z.string(),
      rev: z.string(),
      missing: z.enum(["repository", "commit"]),
    }),
  ),
  "rev-not-on-ref": details(
    "rev-not-on-ref",
    z.strictObject({
      rev: z.string(),
      ref: z.string(),
      status: z.enum(["ahead", "behind", "diverged", "identical", "ref-not-found"]),
    }),
  ),
  "repo-renamed": details("repo-renamed", fromTo),
  "repo-archived": details("repo-archived", repository),
  "repo-fork": details("repo-fork", z.strictObject({ repository: z.string(), parent: z.string().optional() })),
  "missing-license": details("missing-license", z.union([repository, z.strictObject({ package: packageRef })])),
  "last-modified-mismatch": details(
    "last-modified-mismatch",
    z.strictObject({
      lastModified: z.number().describe("Unix seconds, from the lock"),
      committedDate: z.string().describe("ISO 8601, from GitHub"),
    }),
  ),
  "unsigned-commit": details(
    "unsigned-commit",
    z.discriminatedUnion("state", [
      z.strictObject({ state: z.literal("unsigned") }),
      z.strictObject({ state: z.literal("unverified"), reason: z.string() }),
    ]),
  ),
  "source-changed": details("source-changed", beforeAfter),
  "narhash-changed": details(
    "narhash-changed",
    z.strictObject({ rev: z.string(), before: z.string(), after: z.string() }),
  ),
  "pin-lost": details("pin-lost", z.strictObject({ pinning: z.enum(["rev-only", "relative", "unlocked"]) })),
  "last-modified-backwards": details(
    "last-modified-backwards",
    z.strictObject({ before: z.number(), after: z.number() }),
  ),
  "ref-downgrade": details("ref-downgrade", fromTo),
  "upstream-downgrade": details("upstream-downgrade", commitCounts),
  "upstream-diverged": details("upstream-diverged", commitCounts),
  "package-downgraded": details(
    "package-downgraded",
    z.strictObject({ package: z.string(), from: z.string(), to: z.string() }).describe("versions in Nix's order"),
  ),
  "package-removed": details(
    "package-removed",
    z.strictObject({
      package: z.string(),
      versions: z.array(z.string()),
      requiredBy: z.string().describe("the policy's requiredPackages entry that names it"),
    }),
  ),
} satisfies { readonly [R in RuleId]: z.ZodType<FindingDetails[R]> };

/** The finding schema, with `extra` fields on every variant (check adds where the node is). */
export function findingSchema<E extends z.ZodRawShape>(extra: E) {
  const v = <R extends RuleId>(rule: R) =>
    z.object({
      rule: z.literal(rule),
      severity: SeveritySchema,
      input: z.string(),
      message: z.string(),
      details: DETAILS[rule],
      ...extra,
    });
  return z.discriminatedUnion("rule", [
    v("rev-not-found"),
    v("rev-not-on-ref"),
    v("repo-renamed"),
    v("repo-archived"),
    v("repo-fork"),
    v("last-modified-mismatch"),
    v("missing-license"),
    v("unsigned-commit"),
    v("source-changed"),
    v("narhash-changed"),
    v("pin-lost"),
    v("last-modified-backwards"),
    v("upstream-downgrade"),
    v("upstream-diverged"),
    v("ref-downgrade"),
    v("stale"),
    v("unsupported-branch"),
    v("non-upstream-nixpkgs"),
    v("duplicate-sources"),
    v("unlocked"),
    v("indirect-original"),
    v("registry-copy"),
    v("insecure-transport"),
    v("license-not-allowed"),
    v("allowlist-expired"),
    v("package-downgraded"),
    v("package-removed"),
  ]);
}

export const FindingSchema = findingSchema({}).meta({ id: "Finding" });
