import { compareStrings } from "../lock/input-path.js";
import type { Origin } from "./model.js";
import type { PackageInput } from "./identify.js";
import { fetchedOrigin, nameOf } from "./origin.js";

/**
 * Build-time-only sources: the fetches (fixed-output derivations) in the derivation set whose
 * outputs are not in the runtime closure, sorted by path. They are not runtime components; an
 * SBOM may list them, marked, when asked (`--buildtime`, as sbomnix names it). Linear in the set.
 */
export function buildTimeSources(input: PackageInput): Origin[] {
  const { closure, derivations } = input;
  const ctx = { closure, derivations, mirrors: input.mirrors ?? new Map(), onUnresolved: () => {} };
  const out: Origin[] = [];
  for (const d of derivations.byPath.values()) {
    if (d.fixed.size === 0) continue;
    for (const [output, path] of d.outputs) {
      if (path === undefined || !d.fixed.has(output) || closure.infos.has(path)) continue;
      // The same fetch written by several derivations is one source: the output map's choice.
      if (derivations.byOutput.get(path) !== d.path) continue;
      out.push(fetchedOrigin(d, path, nameOf(d), ctx));
    }
  }
  return out.sort((a, b) => compareStrings(a.path, b.path));
}
