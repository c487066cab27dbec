import { compareStrings } from "../lock/input-path.js";
import type { License, MetaIndex, PackageMeta } from "../packages/model.js";
import type { ClosurePackage } from "./closure-packages.js";
import type { LicenceChange } from "./model.js";
import { newestOf, type Sides } from "./own-change.js";

export const licenceText = (l: License): string => l.spdxId ?? l.name ?? "?";

/** Meta is joined by output path only (never by name): the package's `out`, else its first output; [name, path]. */
function outputOf(p: ClosurePackage): readonly [string, string] | undefined {
  const out = p.drv.outputs.get("out");
  if (out !== undefined) return ["out", out];
  for (const [name, path] of p.drv.outputs) return path !== undefined ? [name, path] : undefined;
  return undefined;
}

function metaOf(p: ClosurePackage, meta: MetaIndex): PackageMeta | undefined {
  const out = outputOf(p);
  return out !== undefined ? meta.get(out[1]) : undefined;
}

const texts = (m: PackageMeta): string[] => [...new Set((m.licenses ?? []).map(licenceText))].sort(compareStrings);

/**
 * Packages on both sides whose declared licences differ (the newest version of each name), and how
 * many packages on both sides could not be compared: a meta file has no entry for the output at one
 * side, as when it was made from another nixpkgs than the lock's. Such a package is not a change,
 * but without the count "no licence changed" would be a "no" that means "can't tell".
 */
export function licenceChanges(
  s: Sides,
  meta: { readonly old: MetaIndex; readonly new: MetaIndex },
): { changes: LicenceChange[]; notCompared: number } {
  const changes: LicenceChange[] = [];
  let notCompared = 0;
  for (const name of s.new.byName.keys()) {
    if (!s.old.byName.has(name)) continue;
    const [a, b] = [newestOf(s.old, name), newestOf(s.new, name)];
    const [ma, mb] = [a && metaOf(a, meta.old), b && metaOf(b, meta.new)];
    if (b === undefined || ma === undefined || mb === undefined) {
      notCompared++;
      continue;
    }
    const [from, to] = [texts(ma), texts(mb)];
    if (from.length === to.length && from.every((x, i) => x === to[i])) continue;
    const had = new Set(from);
    const unfree = (mb.licenses ?? [])
      .filter((l) => l.free === false && !had.has(licenceText(l)))
      .map(licenceText)
      .sort(compareStrings);
    const [output, path] = outputOf(b) ?? ["out", ""];
    changes.push({ name, version: b.version, output, path, from, to, unfree: [...new Set(unfree)] });
  }
  return { changes: changes.sort((x, y) => compareStrings(x.name, y.name)), notCompared };
}
