import type { GitCommit, GitRepoData } from "./git-repos.js";

/** What GitHub knows about a repository beyond its git data. */
export interface RepoMeta {
  readonly owner: string;
  readonly name: string;
  readonly archived?: boolean;
  /** `owner/name` of the parent, for forks. Forks share the parent's object network. */
  readonly parent?: string;
  /** SPDX id; absent for no license. */
  readonly license?: string;
  /** Old `owner/name`s that redirect here (renames and transfers). */
  readonly formerNames?: readonly string[];
  /** oid → signature state (VALID, UNKNOWN_KEY, …); unsigned when absent. */
  readonly signatures?: Readonly<Record<string, string>>;
}

export interface WorldRepo {
  readonly meta: RepoMeta;
  readonly git: GitRepoData;
}

/** The stand-in GitHub's state: repositories by lowercase owner/name, renames, object networks. */
export class World {
  readonly #repos = new Map<string, WorldRepo>();
  readonly #renames = new Map<string, string>();

  add(meta: RepoMeta, git: GitRepoData): void {
    const key = `${meta.owner}/${meta.name}`.toLowerCase();
    this.#repos.set(key, { meta, git });
    for (const old of meta.formerNames ?? []) this.#renames.set(old.toLowerCase(), key);
  }

  /** A repository by the name a client used, following renames as GitHub does. */
  find(owner: string, name: string): WorldRepo | undefined {
    const key = `${owner}/${name}`.toLowerCase();
    return this.#repos.get(key) ?? this.#repos.get(this.#renames.get(key) ?? "");
  }

  isRenamed(owner: string, name: string): WorldRepo | undefined {
    const key = `${owner}/${name}`.toLowerCase();
    const target = this.#renames.get(key);
    return target !== undefined && !this.#repos.has(key) ? this.#repos.get(target) : undefined;
  }

  /**
   * A commit by oid as GitHub serves it through a repository: from the repository itself, its
   * parent, or any fork of the same network, which is why "the API returned it" proves nothing.
   */
  commit(repo: WorldRepo, oid: string): GitCommit | undefined {
    const root =
      repo.meta.parent !== undefined ? (this.find(...(repo.meta.parent.split("/") as [string, string])) ?? repo) : repo;
    const network = [...this.#repos.values()].filter(
      (r) => r === root || r.meta.parent?.toLowerCase() === `${root.meta.owner}/${root.meta.name}`.toLowerCase(),
    );
    for (const r of [repo, ...network]) {
      const c = r.git.commits.get(oid);
      if (c !== undefined) return c;
    }
    return undefined;
  }

  /** Resolves a ref name the way GraphQL's `ref(qualifiedName:)` does: qualified first, then short. */
  ref(repo: WorldRepo, name: string): { name: string; oid: string } | undefined {
    for (const q of [name, `refs/heads/${name}`, `refs/tags/${name}`]) {
      const oid = repo.git.refs.get(q);
      if (oid !== undefined) return { name: q.replace(/^refs\/(heads|tags)\//, ""), oid };
    }
    return undefined;
  }

  /** All ancestors of `oid` (itself included) in the repository's network. */
  ancestors(repo: WorldRepo, oid: string): Set<string> {
    const seen = new Set<string>();
    const todo = [oid];
    while (todo.length > 0) {
      const o = todo.pop()!;
      if (seen.has(o)) continue;
      seen.add(o);
      todo.push(...(this.commit(repo, o)?.parents ?? []));
    }
    return seen;
  }

  /** GitHub's comparison of base...head: status and counts. */
  compare(
    repo: WorldRepo,
    base: string,
    head: string,
  ):
    | { status: "AHEAD" | "BEHIND" | "DIVERGED" | "IDENTICAL"; aheadBy: number; behindBy: number; commits: string[] }
    | undefined {
    if (this.commit(repo, base) === undefined || this.commit(repo, head) === undefined) return undefined;
    const a = this.ancestors(repo, base);
    const b = this.ancestors(repo, head);
    const ahead = [...b].filter((o) => !a.has(o));
    const behind = [...a].filter((o) => !b.has(o));
    const status =
      base === head
        ? "IDENTICAL"
        : ahead.length > 0 && behind.length > 0
          ? "DIVERGED"
          : ahead.length > 0
            ? "AHEAD"
            : "BEHIND";
    // Oldest first, as GitHub lists a comparison's commits: fewer ancestors means earlier in history.
    const depth = new Map(ahead.map((o) => [o, this.ancestors(repo, o).size]));
    const commits = ahead.sort((x, y) => depth.get(x)! - depth.get(y)! || (x < y ? -1 : 1));
    return { status, aheadBy: ahead.length, behindBy: behind.length, commits };
  }
}
