#!/usr/bin/env node
// npm run bench: whole-process benchmarks on generated inputs, printed as a table.
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateClosure, generateLock } from "./generate.mjs";
import { REPO, measure, printTable } from "./measure.mjs";

const OUT = path.join(REPO, "bench", "out");
mkdirSync(OUT, { recursive: true });
const rows = [];
const only = process.argv[2];

async function validates(file) {
  try {
    const CDX = await import("@cyclonedx/cyclonedx-library");
    const errors = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(readFileSync(file, "utf8"));
    return errors === null ? "schema-valid" : "SCHEMA ERRORS";
  } catch (e) {
    return `not validated (${e.message})`;
  }
}

if (!only || only === "sbom") {
  for (const [nodes, ms, mb] of [[100, 1500, 300], [2000, 1500, 300], [10000, 1500, 300]]) {
    const lock = path.join(OUT, `lock-${nodes}.lock`);
    writeFileSync(lock, generateLock(nodes));
    const sbom = path.join(OUT, `sbom-${nodes}.cdx.json`);
    const r = measure(["sbom", lock, "--reproducible", "-o", sbom]);
    const valid = nodes === 10000 ? await validates(sbom) : "";
    const deps = JSON.parse(readFileSync(sbom, "utf8")).dependencies.length;
    rows.push({ name: `sbom, ${nodes}-node lock (${deps} dependency entries${valid ? `, ${valid}` : ""})`, ...r, target: `< ${ms} ms, < ${mb} MB`, ok: r.ms < ms && r.peakMb < mb && valid !== "SCHEMA ERRORS" });
  }
}

if (!only || only === "closure") {
  const lock = path.join(OUT, "lock-2000.lock");
  writeFileSync(lock, generateLock(2000));
  const timings = {};
  for (const shape of ["list", "map"]) {
    for (const [count, ms, mb] of [[10000, Infinity, Infinity], [100000, 4000, 800]]) {
      const closure = path.join(OUT, `closure-${count}-${shape}.json`);
      writeFileSync(closure, generateClosure(count, shape));
      const r = measure(["sbom", lock, "--closure", closure, "--reproducible", "-o", path.join(OUT, `sbom-closure-${count}.cdx.json`)], { runs: 3 });
      timings[`${shape}-${count}`] = r.ms;
      const linear = count === 100000 ? r.ms <= 12 * timings[`${shape}-10000`] : true;
      const growth = count === 100000 ? `, ${(r.ms / timings[`${shape}-10000`]).toFixed(1)}x the 10k run` : "";
      rows.push({ name: `sbom --closure, ${count} paths (${shape} shape) + 2000-node lock${growth}`, ...r, target: count === 100000 ? `< ${ms} ms, < ${mb} MB, <= 12x 10k` : "(baseline)", ok: r.ms < ms && r.peakMb < mb && linear });
    }
  }
  const closure = path.join(OUT, "closure-100000-list.json");
  const doc = JSON.parse(readFileSync(closure, "utf8"));
  const target = doc[Math.floor(doc.length / 3)].path;
  const t = measure(["trace", target, "--lock", lock, "--closure", closure, "--format", "json"], { runs: 3 });
  rows.push({ name: "trace, one path in the 100,000-path closure", ...t, target: "< 1000 ms", ok: t.ms < 1000 });
}

if (!only || only === "resolve") {
  const { resolveBench } = await import("./resolve.mjs");
  rows.push(...(await resolveBench()));
}

printTable(rows);
if (rows.some((r) => !r.ok)) process.exitCode = 1;
