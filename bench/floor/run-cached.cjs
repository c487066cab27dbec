// Runs a one-file CommonJS bundle (argv[2]) the way the CLI runs its chunks: compiled with the V8
// code cache beside it (BUNDLE.v8cache). With FLAKE_AUDIT_BENCH_TRAIN set it runs without the cache
// and writes it after the run, so that the saved code includes what the run compiled lazily.
const { readFileSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const { Script } = require("node:vm");

const file = path.resolve(process.argv[2]);
const cacheFile = `${file}.v8cache`;
const train = process.env.FLAKE_AUDIT_BENCH_TRAIN !== undefined;
const cachedData = train ? undefined : readFileSync(cacheFile);
const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
if (script.cachedDataRejected === true) throw new Error(`${cacheFile}: V8 rejected the code cache`);
process.argv.splice(2, 1);
const mod = { exports: {} };
script.runInThisContext().call(mod.exports, mod.exports, require, mod, file, path.dirname(file));
if (train) process.on("beforeExit", () => writeFileSync(cacheFile, script.createCachedData()));
