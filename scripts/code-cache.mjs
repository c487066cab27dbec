#!/usr/bin/env node
// Records V8's compiled code for the bundled command (dist/bin), read back by src/cli/code-cache.ts.
// Usage: node scripts/code-cache.mjs DIR   (run by scripts/bundle-cli.mjs after bundling)
// The typical small runs (check and sbom of a lock, diff of two) run here in one process, through
// the chunks' own runProcess, so that the code saved for each chunk is what those runs compiled,
// lazily compiled functions included. The chunks are compiled exactly as Node's CommonJS loader
// would (Module.wrap, the file's name): V8 accepts the data only for that same source.
// A run whose Node differs from this one's finds another stamp and compiles as usual.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The same stamp and names as src/cli/code-cache.ts (test/cli/code-cache.test.ts holds them together).
const MANIFEST = "code-cache.json";
const SUFFIX = ".v8cache";
const stamp = () => `${process.version} ${process.platform} ${process.arch} ${process.versions.v8}`;

const dir = path.resolve(process.argv[2] ?? path.join(REPO, "dist", "bin"));
const entryText = readFileSync(path.join(dir, "flake-audit.js"), "utf8");
const processChunk = /require\("\.\/(process-[A-Za-z0-9_-]+\.js)"\)/.exec(entryText)?.[1];
if (processChunk === undefined) throw new Error("the entry does not require a process-*.js chunk");

const scripts = new Map();
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename, ...rest) {
  if (path.dirname(filename) !== dir) return compile.call(this, content, filename, ...rest);
  const script = new Script(Module.wrap(content), { filename });
  scripts.set(path.basename(filename), script);
  const req = (id) => this.require(id);
  req.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
  req.cache = Module._cache;
  return script.runInThisContext().call(this.exports, this.exports, req, this, filename, dir);
};

const { runProcess } = createRequire(import.meta.url)(path.join(dir, processChunk));
const out = mkdtempSync(path.join(tmpdir(), "fa-code-cache-"));
const lock = (name) => path.join(REPO, "fixtures", "flake-lock", "valid", name);
// Hermetic: no store is read and no git is asked (the code that would is compiled all the same).
const env = { ...process.env, FLAKE_AUDIT_STORE: `local?root=${path.join(out, "no-store")}` };
const runs = [
  ["check", lock("github-inputs.lock"), "--lock-only", "--fail-on", "none", "-o", path.join(out, "c.txt")],
  ["check", lock("follows-chain.lock"), "--lock-only", "--fail-on", "none", "--format", "json", "-o", path.join(out, "c.json")],
  ["sbom", lock("github-inputs.lock"), "--quiet", "--reproducible", "--flake-version", "1", "-o", path.join(out, "s.json")],
  ["diff", lock("follows-chain.lock"), lock("github-inputs.lock"), "--lock-only", "-o", path.join(out, "d.md")],
];
try {
  for (const argv of runs) {
    const code = await runProcess(argv, env);
    if (code !== 0) throw new Error(`flake-audit ${argv.join(" ")}: exit ${code}`);
  }
  const files = [...scripts.keys()].sort();
  for (const name of files) writeFileSync(path.join(dir, name + SUFFIX), scripts.get(name).createCachedData());
  writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify({ stamp: stamp(), files }, null, 2)}\n`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
