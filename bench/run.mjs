#!/usr/bin/env node
// npm run bench: whole-process benchmarks on generated inputs, printed as a Markdown table. Every
// case runs a naive floor script (bench/floor/*.mjs) on the same input beside it and is reported as
// a ratio to that floor, with absolute times and peak memory. `npm run bench -- sbom` runs one group.
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateClosure, generateLock } from "./generate.mjs";
import { generatePackageWorld } from "./packages-gen.mjs";
import { REPO, measure, measureBeside, printTable, withFloor } from "./measure.mjs";

const OUT = path.join(REPO, "bench", "out");
mkdirSync(OUT, { recursive: true });
const rows = [];
const only = process.argv[2];

async function validates(file) {
  try {
    const CDX = await import("@cyclonedx/cyclonedx-library");
    const errors = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(
      readFileSync(file, "utf8"),
    );
    return errors === null ? "schema-valid" : "SCHEMA ERRORS";
  } catch (e) {
    return `not validated (${e.message})`;
  }
}

if (!only || only === "sbom") {
  for (const [nodes, maxRatio, mb] of [
    [100, undefined, 300],
    [2000, undefined, 300],
    [10000, 3, 300],
  ]) {
    const lock = path.join(OUT, `lock-${nodes}.lock`);
    writeFileSync(lock, generateLock(nodes));
    const sbom = path.join(OUT, `sbom-${nodes}.cdx.json`);
    // Seven pairs: the ratio target is stated on medians, which five samples of a noisy machine move.
    const { floor, r } = measureBeside(
      "sbom-lock",
      [lock, path.join(OUT, `floor-sbom-${nodes}.json`)],
      ["sbom", lock, "--reproducible", "-o", sbom],
      { runs: 7 },
    );
    const valid = nodes === 10000 ? await validates(sbom) : "";
    const deps = JSON.parse(readFileSync(sbom, "utf8")).dependencies.length;
    rows.push(
      withFloor(`sbom, ${nodes}-node lock (${deps} dependency entries${valid ? `, ${valid}` : ""})`, r, floor, {
        maxRatio,
        mb,
        extraOk: valid !== "SCHEMA ERRORS",
      }),
    );
  }
}

if (!only || only === "packages") {
  // Issue 19: a NixOS-sized world, 4,000 runtime paths, 30,000 derivations, meta for 100,000 packages.
  const world = await generatePackageWorld({ paths: 4000, derivations: 30000, meta: 100000 });
  const file = (k) => path.join(OUT, `packages-${k}.json`);
  for (const [k, text] of Object.entries(world)) writeFileSync(file(k), text);
  const sbom = path.join(OUT, "sbom-packages.cdx.json");
  const inputs = [file("closure"), file("derivations"), file("meta")];
  const { floor, r } = measureBeside(
    "sbom-packages",
    [...inputs, path.join(OUT, "floor-sbom-packages.json")],
    ["sbom", "--closure", inputs[0], "--derivations", inputs[1], "--meta", inputs[2], "--reproducible", "-o", sbom],
    { runs: 5 },
  );
  const valid = await validates(sbom);
  rows.push(
    withFloor(`sbom packages, 4,000 paths × 30,000 derivations × 100,000 meta (${valid})`, r, floor, {
      maxRatio: 3,
      mb: 1536,
      extraOk: valid !== "SCHEMA ERRORS",
    }),
  );
}

if (!only || only === "closure") {
  const lock = path.join(OUT, "lock-2000.lock");
  writeFileSync(lock, generateLock(2000));
  const timings = {};
  for (const shape of ["list", "map"]) {
    for (const [count, ms, mb] of [
      [10000, Infinity, Infinity],
      [100000, 4000, 800],
    ]) {
      const closure = path.join(OUT, `closure-${count}-${shape}.json`);
      writeFileSync(closure, generateClosure(count, shape));
      const { floor, r } = measureBeside(
        "sbom-closure",
        [lock, closure, path.join(OUT, "floor-sbom-closure.json")],
        ["sbom", lock, "--closure", closure, "--reproducible", "-o", path.join(OUT, `sbom-closure-${count}.cdx.json`)],
        { runs: 3 },
      );
      timings[`${shape}-${count}`] = r.ms;
      const linear = count === 100000 ? r.ms <= 12 * timings[`${shape}-10000`] : true;
      const growth = count === 100000 ? `, ${(r.ms / timings[`${shape}-10000`]).toFixed(1)}x the 10k run` : "";
      rows.push(
        withFloor(`sbom --closure, ${count} paths (${shape} shape) + 2000-node lock${growth}`, r, floor, {
          ...(count === 100000 ? { ms, mb, note: "<= 12x 10k" } : {}),
          extraOk: linear,
        }),
      );
    }
  }
  const closure = path.join(OUT, "closure-100000-list.json");
  const doc = JSON.parse(readFileSync(closure, "utf8"));
  const target = doc[Math.floor(doc.length / 3)].path;
  const { floor, r: t } = measureBeside(
    "trace",
    [target, lock, closure],
    ["trace", target, "--lock", lock, "--closure", closure, "--format", "json"],
    { runs: 3 },
  );
  rows.push(withFloor("trace, one path in the 100,000-path closure", t, floor, { ms: 1000 }));
}

if (!only || only === "diff") {
  const oldText = generateLock(10000);
  const doc = JSON.parse(oldText);
  const keys = Object.keys(doc.nodes)
    .filter((k) => k !== "root")
    .sort();
  for (let i = 0; i < 2000; i++) {
    const n = doc.nodes[keys[(i * 4999) % keys.length]];
    n.locked.rev = (n.locked.rev ?? "").split("").reverse().join("") || "0".repeat(40);
    n.locked.lastModified = (n.locked.lastModified ?? 0) + 86400;
  }
  const [a, b] = [path.join(OUT, "diff-old.lock"), path.join(OUT, "diff-new.lock")];
  writeFileSync(a, oldText);
  writeFileSync(b, `${JSON.stringify(doc, null, 2)}\n`);
  const { floor, r } = measureBeside(
    "diff",
    [a, b, path.join(OUT, "floor-diff.json")],
    ["diff", a, b, "--lock-only", "--format", "json", "-o", path.join(OUT, "diff.json")],
  );
  const changes = JSON.parse(readFileSync(path.join(OUT, "diff.json"), "utf8")).changes.length;
  rows.push(
    withFloor(`diff --lock-only, two 10,000-node locks, 2,000 inputs changed (${changes} changes)`, r, floor, {
      ms: 1000,
    }),
  );
  for (const format of ["text", "markdown"]) {
    const t = measure(["diff", a, b, "--lock-only", "--format", format, "-o", path.join(OUT, `diff.${format}`)], {
      runs: 3,
    });
    rows.push(withFloor(`  same, --format ${format}`, t, floor, { ms: 1000 }));
  }
}

if (!only || only === "impact") {
  // Issue 21: two derivation closures of 40,000 derivations each (a nixpkgs bump: ~1% of packages
  // move version, everything above them rebuilds), compared package by package.
  const { generateImpactPair } = await import("./impact-gen.mjs");
  const pair = generateImpactPair({ derivations: 40000 });
  const [a, b] = [path.join(OUT, "impact-old.json"), path.join(OUT, "impact-new.json")];
  writeFileSync(a, pair.old);
  writeFileSync(b, pair.new);
  const { measureBesideNode } = await import("./measure.mjs");
  const { floor, r } = measureBesideNode(
    [path.join(REPO, "bench", "floor", "impact.mjs"), a, b, path.join(OUT, "floor-impact.json")],
    [path.join(REPO, "bench", "impact-compare.mjs"), a, b, path.join(OUT, "impact.json")],
    { runs: 5 },
  );
  const impact = JSON.parse(readFileSync(path.join(OUT, "impact.json"), "utf8"));
  rows.push(
    withFloor(
      `impact, two 40,000-derivation closures (${impact.versionChanges.length} version changes, ${impact.rebuilt.length} rebuilt, ${impact.rebuildCount} derivations rebuild)`,
      r,
      floor,
      { ms: 2000, mb: 1024 },
    ),
  );
}

if (!only || only === "check") {
  const lock = path.join(OUT, "lock-10000.lock");
  writeFileSync(lock, generateLock(10000));
  for (const format of ["json", "sarif"]) {
    const { floor, r } = measureBeside(
      "check",
      [lock, path.join(OUT, "floor-check.json")],
      [
        "check",
        lock,
        "--lock-only",
        "--now",
        "2026-11-25",
        "--fail-on",
        "none",
        "--format",
        format,
        "-o",
        path.join(OUT, `check.${format}`),
      ],
    );
    const n =
      format === "json"
        ? JSON.parse(readFileSync(path.join(OUT, "check.json"), "utf8")).findings.length
        : JSON.parse(readFileSync(path.join(OUT, "check.sarif"), "utf8")).runs[0].results.length;
    rows.push(withFloor(`check --lock-only, 10,000-node lock, ${format} (${n} findings)`, r, floor, { ms: 1000 }));
  }
}

if (!only || only === "graph") {
  // Issue 22: the graph of a 500-node real-size lock lays out (ELK) in under 2 s: every input (--all),
  // and the default, collapsed to what fits 80 nodes. The floor prints DOT with no layout.
  const lock = path.join(OUT, "lock-500.lock");
  writeFileSync(lock, generateLock(500));
  for (const [what, flags] of [
    ["--all", ["--all"]],
    ["default (collapsed)", []],
  ]) {
    const svg = path.join(OUT, "graph-500.svg");
    const { floor, r } = measureBeside(
      "graph",
      [lock, path.join(OUT, "floor-graph.dot")],
      ["graph", lock, "--format", "svg", "--now", "2026-11-25", ...flags, "-o", svg],
    );
    const drawn = /(\d+) of (\d+) inputs drawn/.exec(readFileSync(svg, "utf8"));
    rows.push(
      withFloor(`graph --format svg ${what}, 500-node lock (${drawn?.[1]} of ${drawn?.[2]} drawn)`, r, floor, {
        ms: 2000,
      }),
    );
  }
}

if (!only || only === "resolve") {
  const { resolveBench } = await import("./resolve.mjs");
  rows.push(...(await resolveBench()));
}

if (!only || only === "startup") rows.push(...(await (await import("./startup.mjs")).startupBench(OUT)));

if (!only || only === "fleet") rows.push(...(await (await import("./fleet.mjs")).fleetBench(OUT)));

if (!only || only === "html") rows.push(...(await (await import("./html.mjs")).htmlBench(OUT)));

printTable(rows);
if (rows.some((r) => !r.ok)) process.exitCode = 1;
