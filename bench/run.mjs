#!/usr/bin/env node
// npm run bench: whole-process benchmarks on generated inputs, printed as a table.
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateLock } from "./generate.mjs";
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

printTable(rows);
if (rows.some((r) => !r.ok)) process.exitCode = 1;
