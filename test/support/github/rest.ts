import type { World, WorldRepo } from "./world.js";

export interface Routed {
  readonly status: number;
  readonly body?: unknown;
  readonly location?: string;
  readonly headers?: Record<string, string>;
}

/** Issue comments kept by the stand-in, per repository and issue number. */
const comments = new WeakMap<World, Map<string, Array<{ id: number; body: string; user: { login: string } }>>>();
let nextCommentId = 1000;

function repoJson(r: WorldRepo) {
  const full = `${r.meta.owner}/${r.meta.name}`;
  return {
    id: 1,
    name: r.meta.name,
    full_name: full,
    owner: { login: r.meta.owner },
    html_url: `https://github.com/${full}`,
    archived: r.meta.archived ?? false,
    fork: r.meta.parent !== undefined,
    default_branch: r.git.defaultBranch,
    ...(r.meta.parent !== undefined ? { parent: { full_name: r.meta.parent } } : {}),
    license: r.meta.license !== undefined ? { spdx_id: r.meta.license, key: r.meta.license.toLowerCase() } : null,
  };
}

function commitJson(world: World, r: WorldRepo, oid: string) {
  const c = world.commit(r, oid)!;
  return {
    sha: c.oid,
    html_url: `https://github.com/${r.meta.owner}/${r.meta.name}/commit/${c.oid}`,
    commit: {
      message: c.message,
      author: { name: c.authorName, date: c.authoredDate },
      committer: { name: c.committerName, date: c.committedDate },
    },
    parents: c.parents.map((sha) => ({ sha })),
  };
}

/** Puts a comment on an issue as `login` wrote it (a PR author planting flake-audit's marker, say). */
export function plantComment(world: World, repo: string, issue: number, body: string, login: string): number {
  const store = comments.get(world) ?? new Map();
  comments.set(world, store);
  const key = `${repo}#${issue}`;
  const list = store.get(key) ?? [];
  store.set(key, list);
  const id = nextCommentId++;
  list.push({ id, body, user: { login } });
  return id;
}

/** GitHub's REST shapes for the routes flake-audit uses. */
export function restRoute(world: World, method: string, url: string, body: string): Routed {
  const u = new URL(url, "http://x");
  const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(u.pathname);
  if (m === null) return { status: 404, body: { message: "Not Found" } };
  const [owner, name, rest = ""] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), m[3]];
  const renamed = world.isRenamed(owner, name);
  if (renamed !== undefined)
    return {
      status: 301,
      body: { message: "Moved Permanently" },
      location: `/repos/${renamed.meta.owner}/${renamed.meta.name}${rest}${u.search}`,
    };
  const repo = world.find(owner, name);
  if (repo === undefined) return { status: 404, body: { message: "Not Found" } };
  if (rest === "" && method === "GET") return { status: 200, body: repoJson(repo) };
  const cmp = /^\/compare\/(.+)\.\.\.(.+)$/.exec(rest);
  if (cmp !== null && method === "GET") {
    const [base, head] = [
      world.ref(repo, decodeURIComponent(cmp[1]!))?.oid ?? cmp[1]!,
      world.ref(repo, decodeURIComponent(cmp[2]!))?.oid ?? cmp[2]!,
    ];
    const c = world.compare(repo, base, head);
    if (c === undefined) return { status: 404, body: { message: "Not Found" } };
    const perPage = Math.min(Number(u.searchParams.get("per_page") ?? 250), 250);
    const page = Number(u.searchParams.get("page") ?? 1);
    const slice = c.commits.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(c.commits.length / perPage));
    const link =
      page < last
        ? {
            link: `<http://x/repos/${owner}/${name}/compare/${cmp[1]}...${cmp[2]}?per_page=${perPage}&page=${page + 1}>; rel="next", <http://x/repos/${owner}/${name}/compare/${cmp[1]}...${cmp[2]}?per_page=${perPage}&page=${last}>; rel="last"`,
          }
        : undefined;
    return {
      status: 200,
      body: {
        status: c.status.toLowerCase(),
        ahead_by: c.aheadBy,
        behind_by: c.behindBy,
        total_commits: c.commits.length,
        html_url: `https://github.com/${repo.meta.owner}/${repo.meta.name}/compare/${base}...${head}`,
        permalink_url: `https://github.com/${repo.meta.owner}/${repo.meta.name}/compare/${base}...${head}`,
        merge_base_commit: commitJson(
          world,
          repo,
          [...world.ancestors(repo, base)].find((o) => world.ancestors(repo, head).has(o)) ?? base,
        ),
        commits: slice.map((o) => commitJson(world, repo, o)),
        files: [],
      },
      ...(link !== undefined ? { headers: link } : {}),
    };
  }
  const issue = /^\/issues\/(\d+)\/comments$/.exec(rest);
  const store: Map<string, Array<{ id: number; body: string; user: { login: string } }>> = comments.get(world) ??
  new Map();
  comments.set(world, store);
  if (issue !== null) {
    const key = `${repo.meta.owner}/${repo.meta.name}#${issue[1]}`;
    const list = store.get(key) ?? [];
    store.set(key, list);
    if (method === "GET") return { status: 200, body: list };
    if (method === "POST") {
      const c = {
        id: nextCommentId++,
        body: (JSON.parse(body) as { body: string }).body,
        user: { login: "github-actions[bot]" },
      };
      list.push(c);
      return { status: 201, body: c };
    }
  }
  const edit = /^\/issues\/comments\/(\d+)$/.exec(rest);
  if (edit !== null && method === "PATCH") {
    for (const list of store.values()) {
      const c = list.find((x) => x.id === Number(edit[1]));
      if (c !== undefined) {
        c.body = (JSON.parse(body) as { body: string }).body;
        return { status: 200, body: c };
      }
    }
  }
  return { status: 404, body: { message: "Not Found" } };
}
