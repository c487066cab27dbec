#!/usr/bin/env node
// Times the packages join alone (domain/packages identifyPackages) on the generated world of
// bench/packages-gen.mjs, apart from parsing, and reports each step's median of 5 and the heap.
// Linear means: doubling every input about doubles the join. `npm run build` first.
//
//   node --expose-gc bench/packages-gen-join.mjs [--scale 1] [--v4]
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { generatePackageWorld } from "./packages-gen.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => import(path.join(REPO, "dist", p));
const { parsePathInfo } = await dist("ingest/closure/path-info.js");
const { parseDerivations } = await dist("ingest/closure/derivation.js");
const { parseMeta } = await dist("ingest/meta/meta.js");
const { identifyPackages } = await dist("domain/packages/index.js");

const args = process.argv.slice(2);
const scale = args.includes("--scale") ? Number(args[args.indexOf("--scale") + 1]) : 1;
const world = await generatePackageWorld({
  paths: 4000 * scale,
  derivations: 30000 * scale,
  meta: 100000 * scale,
  v4: args.includes("--v4"),
});
const must = (r) => {
  if (!r.ok) throw new Error(JSON.stringify(r.error.slice(0, 3)));
  return r.value;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(label, f) {
  const times = [];
  let value;
  for (let i = 0; i < 5; i++) {
    globalThis.gc?.();
    const t = performance.now();
    value = f();
    times.push(performance.now() - t);
  }
  console.log(`${label.padEnd(34)} ${median(times).toFixed(0).padStart(6)} ms`);
  return value;
}
// The floor for the parsers: JSON.parse alone of the same texts.
time("JSON.parse of the three files (floor)", () =>
  [world.closure, world.derivations, world.meta].map((t) => JSON.parse(t)),
);
const closure = time("parse closure", () => must(parsePathInfo(world.closure, "closure.json")));
const derivations = time("parse derivations", () => must(parseDerivations(world.derivations, "drv.json")));
const meta = time("parse meta", () => must(parseMeta(world.meta, "meta.json")));
const report = time("identifyPackages (the join)", () => identifyPackages({ closure, derivations, meta }));
globalThis.gc?.();
const mem = process.memoryUsage();
console.log(
  `scale ${scale}: ${report.counts.closurePaths} paths, ${derivations.byPath.size} derivations, ${meta.size} meta outputs → ${report.packages.length} packages, ${report.counts.withoutLicense} without licence; heap ${(mem.heapUsed / 1e6).toFixed(0)} MB, rss ${(mem.rss / 1e6).toFixed(0)} MB`,
);
