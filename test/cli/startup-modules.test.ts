import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, lockFixture } from "../support/paths.js";

// Start-up is most of a small run's time (docs/architecture.md §7): what the built command (dist/bin,
// `npm run build`) loads for a lock's sbom and check is held here, by the modules Node really loads.
const CLI = path.join(REPO, "dist", "bin", "flake-audit.js");
const dir = mkdtempSync(path.join(tmpdir(), "fa-startup-"));

// A preload that prints every file Node's CommonJS loader reads (the bundle's chunks are CommonJS), on
// stderr, one per line.
const HOOK = path.join(dir, "print-loaded.cjs");
writeFileSync(
  HOOK,
  `const Module = require("node:module");
const js = Module._extensions[".js"];
Module._extensions[".js"] = function (module, filename) { console.error("LOADED " + filename); return js.call(this, module, filename); };`,
);

/** The files the built command loads for `args`, read as text. */
function loadedFiles(args: readonly string[]): string[] {
  const r = spawnSync(process.execPath, ["--require", HOOK, CLI, ...args], { cwd: dir, encoding: "utf8" });
  return r.stderr
    .split("\n")
    .filter((l) => l.startsWith("LOADED "))
    .map((l) => readFileSync(l.slice("LOADED ".length), "utf8"));
}
// esbuild heads each bundled module with its path: zod's are under node_modules/zod/.
const hasZod = (files: readonly string[]): boolean => files.some((text) => /node_modules\/zod\//.test(text));
const hasOctokit = (files: readonly string[]): boolean => files.some((text) => /node_modules\/@octokit\//.test(text));

describe("what a lock's run loads (built command)", () => {
  it("dist/bin is built (npm run build)", () => {
    expect(existsSync(CLI), "dist/bin/flake-audit.js: run `npm run build`").toBe(true);
  });
  const lock = lockFixture("valid", "github-inputs.lock");
  it("sbom and check --lock-only of a valid lock never load zod", () => {
    const sbom = loadedFiles(["sbom", lock, "--reproducible", "-o", path.join(dir, "s.json")]);
    const check = loadedFiles(["check", lock, "--lock-only", "--fail-on", "none", "-o", path.join(dir, "c.txt")]);
    expect(sbom.length).toBeGreaterThan(1);
    expect(hasZod(sbom)).toBe(false);
    expect(check.length).toBeGreaterThan(1);
    expect(hasZod(check)).toBe(false);
  });
  it("diff --lock-only of two valid locks loads neither zod nor octokit (GitHub is not asked)", () => {
    const args = ["diff", lockFixture("valid", "follows-chain.lock"), lock, "-o", path.join(dir, "d.txt")];
    const lockOnly = loadedFiles([...args, "--lock-only"]);
    expect(lockOnly.length).toBeGreaterThan(1);
    expect(hasZod(lockOnly)).toBe(false);
    expect(hasOctokit(lockOnly)).toBe(false);
    // the probe sees octokit when it is there: asked offline, the diff loads the GitHub client
    expect(hasOctokit(loadedFiles([...args, "--offline"]))).toBe(true);
  });
  it("a lock the fast checks reject does load zod, to explain it (the probe sees zod when it is there)", () => {
    const bad = path.join(dir, "bad.lock");
    writeFileSync(bad, '{"nodes":{"root":{"inputs":7}},"root":"root","version":7}');
    expect(hasZod(loadedFiles(["sbom", bad, "-o", path.join(dir, "b.json")]))).toBe(true);
  });
});

// Work done at load that a small run never uses (scripts/bundle-cli.mjs LAZY): a preload counts the
// ICU objects built and the processes started, and prints the counts when the run ends.
const PROBE = `data:text/javascript,${encodeURIComponent(
  `import cp from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
const counts = { collator: 0, emoji: 0, spawn: 0 };
const Collator = Intl.Collator;
Intl.Collator = function (...a) { counts.collator++; return new Collator(...a); };
const RE = RegExp;
globalThis.RegExp = new Proxy(RE, { construct(t, a) { if (String(a[0]).includes("RGI_Emoji")) counts.emoji++; return Reflect.construct(t, a); } });
const spawn = cp.spawn;
cp.spawn = (...a) => { counts.spawn++; return spawn(...a); };
syncBuiltinESMExports();
process.on("exit", () => console.error("PROBE " + JSON.stringify(counts)));`,
)}`;

// A preload that prints the Node built-in modules loaded by the end of the run.
const BUILTINS = path.join(dir, "builtins.cjs");
writeFileSync(BUILTINS, `process.on("exit", () => console.error("BUILTINS " + process.moduleLoadList.join(",")));`);

function probe(args: readonly string[]): { collator: number; emoji: number; spawn: number } {
  const r = spawnSync(process.execPath, ["--import", PROBE, CLI, ...args], { cwd: dir, encoding: "utf8" });
  const line = r.stderr.split("\n").find((l) => l.startsWith("PROBE "));
  if (line === undefined) throw new Error(`no probe line: ${r.stderr}`);
  return JSON.parse(line.slice("PROBE ".length));
}

describe("what a lock's run builds and starts (built command)", () => {
  // A lock with a tarball input: its purl is written by packageurl-js, whose loading sorted with the collator.
  const lock = path.join(dir, "tarball.lock");
  writeFileSync(
    lock,
    JSON.stringify({
      nodes: {
        root: { inputs: { src: "src" } },
        src: {
          locked: {
            type: "tarball",
            url: "https://example.org/src-1.0.tar.gz",
            narHash: "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
          },
          original: { type: "tarball", url: "https://example.org/src-1.0.tar.gz" },
        },
      },
      root: "root",
      version: 7,
    }),
  );
  it("an sbom of a lock builds no Intl.Collator and no emoji class", () => {
    const out = path.join(dir, "t.json");
    const counts = probe(["sbom", lock, "--reproducible", "-o", out]);
    expect(readFileSync(out, "utf8")).toContain("pkg:generic/");
    expect(counts).toMatchObject({ collator: 0, emoji: 0 });
  });
  it("a text check loads neither node:crypto nor node:child_process (each loaded on first use)", () => {
    const r = spawnSync(
      process.execPath,
      ["--require", BUILTINS, CLI, "check", lock, "--lock-only", "--fail-on", "none", "-o", path.join(dir, "b.txt")],
      { cwd: dir, encoding: "utf8" },
    );
    const line = r.stderr.split("\n").find((l) => l.startsWith("BUILTINS "));
    expect(line).toBeDefined();
    expect(line).not.toMatch(/crypto|child_process/);
    // the probe sees them when they are there: an sbom writes the lock's hash
    const sbom = spawnSync(
      process.execPath,
      ["--require", BUILTINS, CLI, "sbom", lock, "--flake-version", "1", "-o", path.join(dir, "b.json")],
      { cwd: dir, encoding: "utf8" },
    );
    expect(sbom.stderr).toMatch(/^BUILTINS .*internal\/crypto/m);
  });
  it("a text diff whose lines hold only ASCII and the report's marks (•, →) builds no emoji class", () => {
    const base = lockFixture("valid", "github-inputs.lock");
    const out = path.join(dir, "marks.txt");
    const counts = probe(["diff", lockFixture("valid", "follows-chain.lock"), base, "--lock-only", "-o", out]);
    expect(readFileSync(out, "utf8")).toMatch(/^• /m);
    expect(counts.emoji).toBe(0);
    // the probe sees it when it is built: an input named outside ASCII is measured by string-width
    const named = JSON.parse(readFileSync(base, "utf8"));
    const root = named.nodes[named.root];
    root.inputs["café"] = Object.values(root.inputs)[0];
    const cafe = path.join(dir, "cafe.lock");
    writeFileSync(cafe, JSON.stringify(named));
    expect(probe(["diff", base, cafe, "--lock-only", "-o", path.join(dir, "cafe.txt")]).emoji).toBeGreaterThan(0);
  });
  it("a text or Markdown check starts no process (git is asked only for JSON and SARIF)", () => {
    for (const format of ["text", "markdown"])
      expect(probe(["check", lock, "--lock-only", "--fail-on", "none", "--format", format]).spawn).toBe(0);
    expect(probe(["check", lock, "--lock-only", "--fail-on", "none", "--format", "sarif"]).spawn).toBeGreaterThan(0);
  });
});

describe("what a run reads and builds besides its inputs (built command)", () => {
  const lock = lockFixture("valid", "github-inputs.lock");
  it("a package.json in the working directory is not read: a FIFO there does not hang the run", () => {
    // yargs guessed its --version from the working directory's package.json (scripts/bundle-cli.mjs).
    const cwd = path.join(dir, "fifo-cwd");
    mkdirSync(cwd);
    expect(spawnSync("mkfifo", [path.join(cwd, "package.json")]).status).toBe(0);
    const r = spawnSync(process.execPath, [CLI, "check", lock, "--lock-only", "--fail-on", "none", "-o", "c.txt"], {
      cwd,
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(cwd, "c.txt"), "utf8")).toMatch(/stale/);
  });
  it("a check written to a file with nothing to warn builds no stdout or stderr stream and loads no node:assert", () => {
    const quiet = ["--require", BUILTINS, CLI, "check", lock, "--lock-only", "--fail-on", "none", "-q"];
    const r = spawnSync(process.execPath, [...quiet, "-o", path.join(dir, "q.txt")], { cwd: dir, encoding: "utf8" });
    const line = r.stderr.split("\n").find((l) => l.startsWith("BUILTINS "));
    expect(line).toBeDefined();
    expect(line).not.toMatch(/NativeModule (assert|net|tty)\b|sync_write_stream/);
    // the probe sees them when they are there: the same report on stdout (a pipe here) builds its stream
    const piped = spawnSync(process.execPath, quiet, { cwd: dir, encoding: "utf8" });
    expect(piped.stdout).toMatch(/stale/);
    expect(piped.stderr).toMatch(/^BUILTINS .*NativeModule net\b/m);
  });
});
