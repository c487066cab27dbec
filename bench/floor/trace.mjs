// Floor of `trace PATH --lock LOCK --closure CLOSURE --format json`: who references the path,
// breadth-first up to the roots, printed as one small JSON report.
import { closureEntries, readJson } from "./common.mjs";

const [target, lockFile, closureFile] = process.argv.slice(2);
readJson(lockFile);
const referrers = new Map();
for (const p of closureEntries(readJson(closureFile)))
  for (const r of p.references ?? []) (referrers.get(r) ?? referrers.set(r, []).get(r)).push(p.path);
const seen = new Map([[target, null]]);
const queue = [target];
for (const p of queue) for (const up of referrers.get(p) ?? []) if (!seen.has(up)) seen.set(up, p) && queue.push(up);
process.stdout.write(`${JSON.stringify({ target, reachedFrom: seen.size - 1, chain: queue.slice(0, 10) }, null, 2)}\n`);
