// Floor of the review-impact case: read both derivation closures and compute the set difference of
// their .drv paths (what rebuilds), nothing about packages.
import { readJson, writeJson } from "./common.mjs";

const [a, b, out] = process.argv.slice(2);
const [oldDrvs, newDrvs] = [readJson(a), readJson(b)];
const rebuild = Object.keys(newDrvs).filter((p) => !Object.hasOwn(oldDrvs, p));
writeJson(out, { rebuildCount: rebuild.length, rebuild });
