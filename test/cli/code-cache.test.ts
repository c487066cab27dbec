import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CODE_CACHE_MANIFEST, CODE_CACHE_SUFFIX, codeCacheStamp } from "../../src/cli/code-cache.js";
import { REPO, lockFixture } from "../support/paths.js";

// The built command (npm run build) carries V8's code for its chunks (scripts/code-cache.mjs); a run
// compiles with it (src/cli/code-cache.ts). Held here: the data is there for this Node, V8 accepts it
// for every chunk a small run loads, and a copy whose data is stale or damaged still runs the same.
const BIN = path.join(REPO, "dist", "bin");
const dir = mkdtempSync(path.join(tmpdir(), "fa-code-cache-"));
const lock = lockFixture("valid", "github-inputs.lock");
const hermetic = { ...process.env, FLAKE_AUDIT_STORE: `local?root=${path.join(dir, "no-store")}` };

// A preload that records, per chunk compiled through node:vm with cached data, whether V8 rejected it.
const PROBE = path.join(dir, "probe.cjs");
writeFileSync(
  PROBE,
  `const vm = require("node:vm");
const Script = vm.Script;
const seen = {};
vm.Script = class extends Script {
  constructor(code, opts) { super(code, opts); if (opts && opts.cachedData) seen[require("node:path").basename(opts.filename)] = this.cachedDataRejected; }
};
process.on("exit", () => console.error("PROBE " + JSON.stringify(seen)));`,
);

function run(bin: string, args: readonly string[]): { rejected: Record<string, boolean>; status: number | null } {
  const r = spawnSync(process.execPath, ["--require", PROBE, path.join(bin, "flake-audit.js"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: hermetic,
  });
  const line = r.stderr.split("\n").find((l) => l.startsWith("PROBE "));
  if (line === undefined) throw new Error(`no probe line: ${r.stderr}`);
  return { rejected: JSON.parse(line.slice("PROBE ".length)), status: r.status };
}

const manifest = (bin: string): { stamp: string; files: string[] } =>
  JSON.parse(readFileSync(path.join(bin, CODE_CACHE_MANIFEST), "utf8"));

/** A copy of the bundle two directories below a root with the package.json it reads its version from. */
function copyOfBin(name: string): string {
  const root = path.join(dir, name);
  mkdirSync(path.join(root, "dist"), { recursive: true });
  cpSync(path.join(REPO, "package.json"), path.join(root, "package.json"));
  cpSync(BIN, path.join(root, "dist", "bin"), { recursive: true });
  return path.join(root, "dist", "bin");
}

describe.skipIf(!existsSync(path.join(BIN, "flake-audit.js")))("the built command's code cache", () => {
  it("is made for this Node, with data for each chunk it names", () => {
    const m = manifest(BIN);
    expect(m.stamp).toBe(codeCacheStamp());
    expect(m.files.length).toBeGreaterThan(10);
    for (const f of m.files) expect(existsSync(path.join(BIN, f + CODE_CACHE_SUFFIX)), f).toBe(true);
  });

  it("is accepted by V8 for every chunk that sbom and check of a lock load", () => {
    for (const args of [
      ["sbom", lock, "--reproducible", "--flake-version", "1", "-o", path.join(dir, "s.json")],
      ["check", lock, "--lock-only", "--fail-on", "none", "-o", path.join(dir, "c.txt")],
    ]) {
      const { rejected, status } = run(BIN, args);
      expect(status).toBe(0);
      expect(Object.keys(rejected).length).toBeGreaterThan(10);
      expect(Object.entries(rejected).filter(([, r]) => r)).toEqual([]);
    }
  });

  it("is not read when made by another Node, and damaged data is rejected, with the same output", () => {
    const args = (out: string) => ["sbom", lock, "--reproducible", "--flake-version", "1", "-o", out];
    run(BIN, args(path.join(dir, "good.json")));
    const other = copyOfBin("other-node");
    writeFileSync(path.join(other, CODE_CACHE_MANIFEST), JSON.stringify({ ...manifest(other), stamp: "v0.0.0" }));
    expect(run(other, args(path.join(dir, "other.json"))).rejected).toEqual({});
    const damaged = copyOfBin("damaged");
    for (const f of manifest(damaged).files)
      writeFileSync(path.join(damaged, f + CODE_CACHE_SUFFIX), Buffer.alloc(4096, 0x5a));
    const { rejected, status } = run(damaged, args(path.join(dir, "damaged.json")));
    expect(status).toBe(0);
    expect(Object.values(rejected).length).toBeGreaterThan(10);
    expect(Object.values(rejected).every((r) => r)).toBe(true);
    const good = readFileSync(path.join(dir, "good.json"), "utf8");
    expect(readFileSync(path.join(dir, "other.json"), "utf8")).toBe(good);
    expect(readFileSync(path.join(dir, "damaged.json"), "utf8")).toBe(good);
  });
});
