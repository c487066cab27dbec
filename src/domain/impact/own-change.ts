import { compareStrings } from "../lock/input-path.js";
import {
  type ClosurePackage,
  keyOf,
  type PackageIndex,
  patchPaths,
  pathName,
  sourcePaths,
} from "./closure-packages.js";
import type { ChangedInput, PatchName } from "./model.js";
import { compareNixVersions } from "./nix-version.js";

/** The two sides of a comparison. */
export interface Sides {
  readonly old: PackageIndex;
  readonly new: PackageIndex;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The newest of some versions in Nix's order ("" when none). */
export function newest(versions: Iterable<string>): string {
  let best: string | undefined;
  for (const v of versions) if (best === undefined || compareNixVersions(v, best) > 0) best = v;
  return best ?? "";
}

/** The package of a name at its newest version, the smallest .drv path among equals. */
export function newestOf(i: PackageIndex, name: string): ClosurePackage | undefined {
  const ps = i.byName.get(name) ?? [];
  return i.byKey.get(keyOf(name, newest(ps.map((p) => p.version))))?.[0];
}

/**
 * The old package a new one is compared with: the same name and version, preferring one the new
 * side no longer has (the derivation it replaces), by .drv path so the choice is deterministic.
 */
export function counterpart(s: Sides, p: ClosurePackage): ClosurePackage | undefined {
  const olds = s.old.byKey.get(keyOf(p.name, p.version));
  if (olds === undefined) return undefined;
  return olds.find((o) => !s.new.set.byPath.has(o.drv.path)) ?? olds[0];
}

/** Patches by name, added and removed (a patch whose content changed under one name is both). */
export function patchDiff(
  s: Sides,
  oldP: ClosurePackage,
  newP: ClosurePackage,
): { added: PatchName[]; removed: PatchName[] } | undefined {
  const [a, b] = [patchPaths(s.old, oldP.drv), patchPaths(s.new, newP.drv)];
  if (sameList(a, b)) return undefined;
  const [setA, setB] = [new Set(a), new Set(b)];
  return {
    added: b.filter((x) => !setA.has(x)).map((x) => pathName(s.new, x)),
    removed: a.filter((x) => !setB.has(x)).map((x) => pathName(s.old, x)),
  };
}

/** The source store paths of both, by display name, when they differ. */
export function sourceDiff(
  s: Sides,
  oldP: ClosurePackage,
  newP: ClosurePackage,
): { from: string; to: string } | undefined {
  const [a, b] = [sourcePaths(s.old, oldP.drv), sourcePaths(s.new, newP.drv)];
  if (sameList(a, b)) return undefined;
  const name = (i: PackageIndex, ps: string[]): string => ps.map((p) => pathName(i, p)).join(", ") || "none";
  return { from: name(s.old, a), to: name(s.new, b) };
}

/**
 * What changed in a new derivation itself (not through its inputs), when something did: its
 * version (or it is new), its source or its patches; a fetch that is new is a changed source.
 */
export function ownChange(s: Sides, drvPath: string): ChangedInput | undefined {
  const p = s.new.byDrv.get(drvPath);
  if (p === undefined) {
    const d = s.new.set.byPath.get(drvPath);
    return d !== undefined ? { name: d.name, what: "source" } : undefined;
  }
  const old = counterpart(s, p);
  if (old === undefined) {
    const others = s.old.byName.get(p.name);
    if (others === undefined) return { name: p.name, to: p.version, what: "added" };
    return { name: p.name, from: newest(others.map((o) => o.version)), to: p.version, what: "version" };
  }
  if (sourceDiff(s, old, p) !== undefined) return { name: p.name, to: p.version, what: "source" };
  if (patchDiff(s, old, p) !== undefined) return { name: p.name, to: p.version, what: "patches" };
  return undefined;
}

export const compareChanged = (a: ChangedInput, b: ChangedInput): number =>
  compareStrings(a.name, b.name) || compareStrings(a.what, b.what) || compareStrings(a.to ?? "", b.to ?? "");
