import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GitRepoBuilder } from "./git-repos.js";
import { FakeGithub } from "./server.js";
import { World } from "./world.js";

/** Named commits of the scenario, for the tests to point locks at. */
export interface Upstreams {
  readonly lib: {
    c1: string;
    c2: string;
    c3: string;
    c4: string;
    c5: string;
    forcePushed: string;
    release: string;
    forkOnly: string;
  };
  readonly tool: { t1: string; t2: string };
  readonly legacy: string;
  readonly nolicense: string;
}

/**
 * The stand-in GitHub's repositories, as real git repositories with fixed dates:
 * acme/lib (main c1..c5, tag v1.0 at c2, branch release-1 = c2 + one commit, a commit force-pushed
 * away from main, c5 signed, c4 signed with an unknown key), mallory/lib (a fork with a fork-only
 * commit), new-org/tool (renamed from old-org/tool), acme/legacy (archived), acme/nolicense.
 * acme/gone does not exist (deleted).
 */
export function buildUpstreams(): { world: World; commits: Upstreams } {
  const root = mkdtempSync(path.join(tmpdir(), "flake-audit-gh-"));
  const world = new World();
  const lib = new GitRepoBuilder(root, "acme/lib");
  const c1 = lib.commit("lib: first");
  const c2 = lib.commit("lib: second");
  lib.git("tag", "v1.0");
  const c3 = lib.commit("lib: third");
  const c4 = lib.commit("lib: fourth");
  const c5 = lib.commit("lib: fifth");
  const forcePushed = lib.commit("lib: pushed by mistake");
  lib.git("reset", "-q", "--hard", c5);
  lib.git("checkout", "-q", "-b", "release-1", c2);
  const release = lib.commit("lib: release fix", "RELEASE");
  lib.git("checkout", "-q", "main");
  world.add(
    { owner: "acme", name: "lib", license: "MIT", signatures: { [c5]: "VALID", [c4]: "UNKNOWN_KEY" } },
    lib.read(),
  );

  const fork = new GitRepoBuilder(root, "mallory/lib");
  fork.git("fetch", "-q", lib.dir, "main");
  fork.git("reset", "-q", "--hard", "FETCH_HEAD");
  const forkOnly = fork.commit("lib: backdoor <script>alert(1)</script> @everyone", "EVIL");
  world.add({ owner: "mallory", name: "lib", parent: "acme/lib", license: "MIT" }, fork.read());

  const tool = new GitRepoBuilder(root, "new-org/tool");
  const t1 = tool.commit("tool: one");
  const t2 = tool.commit("tool: two");
  world.add({ owner: "new-org", name: "tool", license: "Apache-2.0", formerNames: ["old-org/tool"] }, tool.read());

  const legacy = new GitRepoBuilder(root, "acme/legacy");
  const l1 = legacy.commit("legacy: last words");
  world.add({ owner: "acme", name: "legacy", archived: true, license: "MIT" }, legacy.read());

  const nolicense = new GitRepoBuilder(root, "acme/nolicense");
  const n1 = nolicense.commit("nolicense: code");
  world.add({ owner: "acme", name: "nolicense" }, nolicense.read());

  return {
    world,
    commits: {
      lib: { c1, c2, c3, c4, c5, forcePushed, release, forkOnly },
      tool: { t1, t2 },
      legacy: l1,
      nolicense: n1,
    },
  };
}

export async function startFakeGithub(): Promise<{ gh: FakeGithub; commits: Upstreams }> {
  const { world, commits } = buildUpstreams();
  return { gh: await new FakeGithub(world).start(), commits };
}

const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";
const epoch = (iso: string): number => Date.parse(iso) / 1000;

/** A lock over the scenario: one input per behaviour the resolver must tell apart. */
export function scenarioLock(c: Upstreams, committed: (oid: string) => string): string {
  const gh = (owner: string, repo: string, rev: string, ref?: string, lastModified = epoch(committed(rev))) => ({
    locked: { lastModified, narHash: NAR, owner, repo, rev, type: "github" },
    original: { owner, repo, type: "github", ...(ref !== undefined ? { ref } : {}) },
  });
  const nodes: Record<string, unknown> = {
    lib: gh("acme", "lib", c.lib.c5, "main"),
    libTag: gh("acme", "lib", c.lib.c2, "v1.0"),
    libRelease: gh("acme", "lib", c.lib.c3, "release-1"),
    forkCommit: gh("acme", "lib", c.lib.forkOnly),
    forcePushed: gh("acme", "lib", c.lib.forcePushed, "main"),
    tampered: gh("acme", "lib", c.lib.c1, "main", 1),
    tool: gh("old-org", "tool", c.tool.t2),
    legacy: gh("acme", "legacy", c.legacy),
    nolicense: gh("acme", "nolicense", c.nolicense),
    gone: {
      locked: { lastModified: 1, narHash: NAR, owner: "acme", repo: "gone", rev: c.lib.c1, type: "github" },
      original: { owner: "acme", repo: "gone", type: "github" },
    },
    missingRev: {
      locked: { lastModified: 1, narHash: NAR, owner: "acme", repo: "lib", rev: "0".repeat(40), type: "github" },
      original: { owner: "acme", repo: "lib", type: "github" },
    },
    viaGit: {
      locked: {
        lastModified: epoch(committed(c.lib.c4)),
        narHash: NAR,
        ref: "refs/heads/main",
        rev: c.lib.c4,
        type: "git",
        url: "https://github.com/acme/lib.git",
      },
      original: { type: "git", url: "https://github.com/acme/lib.git" },
    },
    onGitlab: {
      locked: { lastModified: 1, narHash: NAR, owner: "group", repo: "proj", rev: c.lib.c1, type: "gitlab" },
      original: { owner: "group", repo: "proj", type: "gitlab" },
    },
    enterprise: {
      locked: {
        host: "ghe.example.com",
        lastModified: 1,
        narHash: NAR,
        owner: "corp",
        repo: "x",
        rev: c.lib.c1,
        type: "github",
      },
      original: { host: "ghe.example.com", owner: "corp", repo: "x", type: "github" },
    },
  };
  const root = { inputs: Object.fromEntries(Object.keys(nodes).map((k) => [k, k])) };
  return `${JSON.stringify({ nodes: { ...nodes, root }, root: "root", version: 7 }, null, 2)}\n`;
}
