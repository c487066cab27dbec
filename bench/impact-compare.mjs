#!/usr/bin/env node
// The review-impact case of `npm run bench`: two derivation-closure files compared by flake-audit's
// own code (tsc's output in dist/, `npm run build` first), as `diff --installable` compares what the
// evaluator returns: parse both (ingest/closure/derivation), compare (domain/impact), write the JSON.
//
//   node bench/impact-compare.mjs OLD.json NEW.json OUT.json
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const load = (p) => import(pathToFileURL(path.join(dist, p)).href);
const { parseDerivations } = await load("ingest/closure/derivation.js");
const { compareInstallable } = await load("domain/impact/compare.js");

const [a, b, out] = process.argv.slice(2);
const parse = (file) => {
  const r = parseDerivations(readFileSync(file, "utf8"), file);
  if (!r.ok) throw new Error(r.error[0].message);
  return r.value;
};
const impact = compareInstallable({ installable: ".#bench", old: parse(a), new: parse(b) });
writeFileSync(out, `${JSON.stringify(impact, null, 2)}\n`);
