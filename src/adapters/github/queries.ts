/**
 * The GraphQL documents flake-audit sends. One query covers many repositories, and in each many
 * commits and ref comparisons, through aliases (r0, r0c3, …). Literals are JSON-escaped strings,
 * which GraphQL reads the same way. test/adapters/github.test.ts ("queries") validates every shape
 * against GitHub's published schema.
 */
const q = (s: string): string => JSON.stringify(s);

export const REPO_FIELDS =
  "nameWithOwner url isArchived isFork parent { nameWithOwner } licenseInfo { spdxId } defaultBranchRef { name target { oid } }";
export const COMMIT_FIELDS =
  "oid committedDate authoredDate messageHeadline url author { name } committer { name } signature { isValid state }";

/** What to ask about one repository. */
export interface RepoAsk {
  readonly alias: string;
  readonly owner: string;
  readonly name: string;
  /** Ask for the repository's own facts (and its default branch head). */
  readonly facts: boolean;
  /** alias → commit oid. */
  readonly commits: ReadonlyArray<readonly [string, string]>;
  /** alias → ref name, for its head only. */
  readonly heads: ReadonlyArray<readonly [string, string]>;
  /** alias → [ref name or undefined for the default branch, oid to compare]. */
  readonly compares: ReadonlyArray<readonly [string, string | undefined, string]>;
}

export function provenanceQuery(asks: readonly RepoAsk[]): string {
  const parts = asks.map((a) => {
    const fields: string[] = [a.facts ? REPO_FIELDS : "nameWithOwner"];
    for (const [alias, oid] of a.commits)
      fields.push(`${alias}: object(oid: ${q(oid)}) { ... on Commit { ${COMMIT_FIELDS} } }`);
    for (const [alias, ref] of a.heads) fields.push(`${alias}: ref(qualifiedName: ${q(ref)}) { name target { oid } }`);
    for (const [alias, ref, oid] of a.compares) {
      const on = ref === undefined ? "defaultBranchRef" : `ref(qualifiedName: ${q(ref)})`;
      fields.push(`${alias}: ${on} { name target { oid } compare(headRef: ${q(oid)}) { status aheadBy behindBy } }`);
    }
    return `  ${a.alias}: repository(owner: ${q(a.owner)}, name: ${q(a.name)}) { ${fields.join(" ")} }`;
  });
  return `query FlakeAuditProvenance {\n  rateLimit { remaining resetAt cost }\n${parts.join("\n")}\n}`;
}

/** How many aliases one query may carry: GitHub limits node counts and query cost. */
export const MAX_ALIASES_PER_QUERY = 150;

export const askSize = (a: RepoAsk): number => 1 + a.commits.length + a.heads.length + a.compares.length;
