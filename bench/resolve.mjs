// The provenance benchmark: 300 distinct revs across 40 repositories, resolved through the built
// CLI against the stand-in GitHub (compiled from test/support/github), cold and warm.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MAIN, REPO, measureFloor, withFloor } from "./measure.mjs";

export async function resolveBench() {
  const { GitRepoBuilder } = await import(path.join(REPO, "build/bench/test/support/github/git-repos.js"));
  const { World } = await import(path.join(REPO, "build/bench/test/support/github/world.js"));
  const { FakeGithub } = await import(path.join(REPO, "build/bench/test/support/github/server.js"));
  const root = mkdtempSync(path.join(tmpdir(), "flake-audit-bench-gh-"));
  const world = new World();
  const revs = [];
  for (let i = 0; i < 40; i++) {
    const repo = new GitRepoBuilder(root, `org${i % 7}/repo${i}`);
    const oids = [];
    for (let j = 0; j < 8; j++) oids.push(repo.commit(`repo${i}: change ${j}`));
    world.add({ owner: `org${i % 7}`, name: `repo${i}`, license: "MIT" }, repo.read());
    const data = repo.read();
    for (const oid of oids.slice(0, i < 20 ? 8 : 7))
      revs.push({ owner: `org${i % 7}`, repo: `repo${i}`, rev: oid, date: data.commits.get(oid).committedDate });
  }
  const picked = revs.slice(0, 300);
  const nodes = { root: { inputs: {} } };
  picked.forEach((r, i) => {
    nodes[`in${i}`] = {
      locked: {
        lastModified: Date.parse(r.date) / 1000,
        narHash: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=",
        owner: r.owner,
        repo: r.repo,
        rev: r.rev,
        type: "github",
      },
      original: { owner: r.owner, ref: "main", repo: r.repo, type: "github" },
    };
    nodes.root.inputs[`in${i}`] = `in${i}`;
  });
  const lock = path.join(root, "flake.lock");
  writeFileSync(lock, JSON.stringify({ nodes, root: "root", version: 7 }));
  const gh = await new FakeGithub(world).start();
  gh.latencyMs = 50;
  const cache = mkdtempSync(path.join(tmpdir(), "flake-audit-bench-cache-"));
  const env = { FLAKE_AUDIT_GITHUB_API_URL: gh.url, XDG_CACHE_HOME: cache };
  const rows = [];
  try {
    const floor = measureFloor("resolve", [lock], { runs: 3 });
    const before = gh.requests.length;
    const cold = await measureAsync(["resolve", lock, "--format", "json", "--quiet"], env);
    const coldRequests = gh.requests.length - before;
    rows.push(
      withFloor(`resolve cold: 300 revs / 40 repos, 50 ms latency, ${coldRequests} requests`, cold, floor, {
        ms: 3000,
        note: "<= 10 requests",
        extraOk: coldRequests <= 10 && gh.invalidQueries.length === 0,
      }),
    );
    const mid = gh.requests.length;
    const warm = await measureAsync(["resolve", lock, "--format", "json", "--quiet"], env);
    const warmQueries = gh.requests.slice(mid);
    const commitAsks = warmQueries.filter((r) => (r.body ?? "").includes("object(oid")).length;
    rows.push(
      withFloor(`resolve warm: ${warmQueries.length} requests, ${commitAsks} asking for commit facts`, warm, floor, {
        ms: 3000,
        note: "0 commit requests",
        extraOk: commitAsks === 0,
      }),
    );
  } finally {
    await gh.stop();
  }
  return rows;
}

// The server runs in this process, so the CLI must run asynchronously beside it.
async function measureAsync(args, env) {
  const { spawn } = await import("node:child_process");
  const started = performance.now();
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("exit", resolve);
  });
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`flake-audit ${args.join(" ")} exited ${code}`);
  return { ms, min: ms, peakMb: 0 }; // peak memory is not measured for this case
}
