import { schema as published } from "@octokit/graphql-schema";
import { buildSchema, execute, GraphQLError, parse, validate, type GraphQLSchema } from "graphql";
import type { GitCommit } from "./git-repos.js";
import type { World, WorldRepo } from "./world.js";

let schema: GraphQLSchema | undefined;
/** GitHub's published schema, built once per process (it is large). */
export const githubSchema = (): GraphQLSchema => (schema ??= buildSchema(published.idl, { assumeValidSDL: true }));

const NOT_FOUND = "NOT_FOUND:";

function commitObject(c: GitCommit, repo: WorldRepo, base: string) {
  const state = repo.meta.signatures?.[c.oid];
  return {
    __typename: "Commit",
    oid: c.oid,
    committedDate: c.committedDate,
    authoredDate: c.authoredDate,
    messageHeadline: c.message.split("\n")[0],
    url: `${base}/${repo.meta.owner}/${repo.meta.name}/commit/${c.oid}`,
    author: { name: c.authorName },
    committer: { name: c.committerName },
    signature: state === undefined ? null : { __typename: "GpgSignature", isValid: state === "VALID", state },
  };
}

function repoObject(world: World, repo: WorldRepo, base: string) {
  const refObject = (name: string, oid: string) => ({
    name,
    target: commitObject(world.commit(repo, oid)!, repo, base),
    compare: ({ headRef }: { headRef: string }) => {
      const head = world.ref(repo, headRef)?.oid ?? headRef;
      const c = world.compare(repo, oid, head);
      return c === undefined ? null : { status: c.status, aheadBy: c.aheadBy, behindBy: c.behindBy };
    },
  });
  const defaultOid = repo.git.refs.get(`refs/heads/${repo.git.defaultBranch}`);
  return {
    nameWithOwner: `${repo.meta.owner}/${repo.meta.name}`,
    url: `${base}/${repo.meta.owner}/${repo.meta.name}`,
    isArchived: repo.meta.archived ?? false,
    isFork: repo.meta.parent !== undefined,
    parent: repo.meta.parent !== undefined ? { nameWithOwner: repo.meta.parent } : null,
    licenseInfo: repo.meta.license !== undefined ? { spdxId: repo.meta.license } : null,
    defaultBranchRef: defaultOid !== undefined ? refObject(repo.git.defaultBranch, defaultOid) : null,
    object: ({ oid }: { oid: string }) => {
      const c = world.commit(repo, oid);
      return c === undefined ? null : commitObject(c, repo, base);
    },
    ref: ({ qualifiedName }: { qualifiedName: string }) => {
      const r = world.ref(repo, qualifiedName);
      return r === undefined ? null : refObject(r.name, r.oid);
    },
  };
}

export interface GraphqlAnswer {
  readonly data?: unknown;
  readonly errors?: ReadonlyArray<{ type?: string; message: string; path?: ReadonlyArray<string | number> }>;
  /** Validation errors: a query GitHub itself would reject. */
  readonly invalid: readonly string[];
}

/** Executes a query against GitHub's schema over the world, answering errors in GitHub's shape. */
export function executeGraphql(
  world: World,
  query: string,
  webBase: string,
  rate: { remaining: number; resetAt: string },
): GraphqlAnswer {
  let doc: ReturnType<typeof parse>;
  try {
    doc = parse(query);
  } catch (e) {
    return { errors: [{ message: (e as Error).message }], invalid: [(e as Error).message] };
  }
  const invalid = validate(githubSchema(), doc).map((e) => e.message);
  if (invalid.length > 0) return { errors: invalid.map((message) => ({ message })), invalid };
  const rootValue = {
    rateLimit: {
      remaining: rate.remaining,
      resetAt: rate.resetAt,
      cost: 1,
      limit: 5000,
      used: 5000 - rate.remaining,
      nodeCount: 1,
    },
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = world.find(owner, name);
      if (repo === undefined)
        throw new GraphQLError(`${NOT_FOUND}Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return repoObject(world, repo, webBase);
    },
  };
  const result = execute({ schema: githubSchema(), document: doc, rootValue }) as {
    data?: unknown;
    errors?: readonly GraphQLError[];
  };
  const errors = result.errors?.map((e) =>
    e.message.startsWith(NOT_FOUND)
      ? { type: "NOT_FOUND", message: e.message.slice(NOT_FOUND.length), ...(e.path ? { path: e.path } : {}) }
      : { message: e.message, ...(e.path ? { path: e.path } : {}) },
  );
  return { data: result.data, ...(errors !== undefined ? { errors } : {}), invalid: [] };
}
