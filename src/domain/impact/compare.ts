import { compareStrings } from "../lock/input-path.js";
import type { DerivationSet } from "../nix/derivation.js";
import type { MetaIndex } from "../packages/model.js";
import { type ClosurePackage, indexPackages, sourceFacts } from "./closure-packages.js";
import { licenceChanges } from "./licences.js";
import type {
  InstallableImpact,
  LicenceChange,
  PackagePresence,
  Rebuild,
  RebuildReason,
  VersionChange,
} from "./model.js";
import { compareNixVersions } from "./nix-version.js";
import { counterpart, newest, newestOf, patchDiff, type Sides, sourceDiff } from "./own-change.js";
import { RebuildCauses } from "./rebuild-causes.js";

export interface CompareInput {
  readonly installable: string;
  readonly old: DerivationSet;
  readonly new: DerivationSet;
  /** nixpkgs meta of each side (output path → meta); licence changes need both. */
  readonly meta?: { readonly old: MetaIndex; readonly new: MetaIndex };
}

const byNixVersion = (a: string, b: string): number => compareNixVersions(a, b) || compareStrings(a, b);
const versionsOf = (ps: readonly ClosurePackage[]): string[] =>
  [...new Set(ps.map((p) => p.version))].sort(byNixVersion);

function versionChange(s: Sides, name: string, from: string[], to: string[]): VersionChange | undefined {
  const [oldP, newP] = [newestOf(s.old, name), newestOf(s.new, name)];
  if (oldP === undefined || newP === undefined) return undefined;
  const cmp = compareNixVersions(newest(from), newest(to));
  const patches = patchDiff(s, oldP, newP);
  const source = sourceFacts(s.new, newP);
  return {
    name,
    from,
    to,
    direction: cmp < 0 ? "upgrade" : cmp > 0 ? "downgrade" : "same",
    drvPath: newP.drv.path,
    ...(source !== undefined ? { source } : {}),
    patchesAdded: patches?.added ?? [],
    patchesRemoved: patches?.removed ?? [],
  };
}

function rebuildOf(s: Sides, causes: RebuildCauses, p: ClosurePackage): Rebuild {
  const old = counterpart(s, p);
  const reasons: RebuildReason[] = [];
  if (old !== undefined) {
    const src = sourceDiff(s, old, p);
    if (src !== undefined) reasons.push({ kind: "source", ...src });
    const patches = patchDiff(s, old, p);
    if (patches !== undefined) reasons.push({ kind: "patches", ...patches });
  }
  const via = causes.viaInputs(p.drv.path);
  if (via.list.length > 0) reasons.push({ kind: "inputs", changed: via.list, more: via.more });
  if (reasons.length === 0) reasons.push({ kind: "other" });
  return { name: p.name, version: p.version, drvPath: p.drv.path, reasons };
}

/**
 * Two derivation closures of one installable, package by package. Linear in the two sets (map
 * lookups; sorting the reported lists), with each rebuild's explanation bounded (rebuild-causes.ts).
 */
export function compareInstallable(input: CompareInput): InstallableImpact {
  const s: Sides = { old: indexPackages(input.old), new: indexPackages(input.new) };
  const causes = new RebuildCauses(s);
  const versionChanges: VersionChange[] = [];
  const added: PackagePresence[] = [];
  const removed: PackagePresence[] = [];
  const rebuilt: Rebuild[] = [];
  for (const [name, ps] of s.new.byName) {
    const olds = s.old.byName.get(name);
    const to = versionsOf(ps);
    if (olds === undefined) {
      added.push({ name, versions: to });
      continue;
    }
    const from = versionsOf(olds);
    if (from.length !== to.length || from.some((v, i) => v !== to[i])) {
      const c = versionChange(s, name, from, to);
      if (c !== undefined) versionChanges.push(c);
      continue;
    }
    // Same versions: one entry per version whose derivation the old side does not have.
    const seen = new Set<string>();
    for (const p of [...ps].sort((a, b) => compareStrings(a.drv.path, b.drv.path))) {
      if (s.old.set.byPath.has(p.drv.path) || seen.has(p.version)) continue;
      seen.add(p.version);
      rebuilt.push(rebuildOf(s, causes, p));
    }
  }
  for (const [name, ps] of s.old.byName) if (!s.new.byName.has(name)) removed.push({ name, versions: versionsOf(ps) });
  let rebuildCount = 0;
  for (const p of input.new.byPath.keys()) if (!input.old.byPath.has(p)) rebuildCount++;
  const byName = <T extends { readonly name: string }>(a: T, b: T): number => compareStrings(a.name, b.name);
  return {
    installable: input.installable,
    status: "compared",
    versionChanges: versionChanges.sort(byName),
    added: added.sort(byName),
    removed: removed.sort(byName),
    rebuilt: rebuilt.sort((a, b) => byName(a, b) || compareStrings(a.version, b.version)),
    rebuildCount,
    derivations: { old: input.old.byPath.size, new: input.new.byPath.size },
    ...(input.meta !== undefined ? licenceFacts(s, input.meta) : {}),
  };
}

/** The licence changes, and how many packages the meta files could not answer for (when any). */
function licenceFacts(
  s: Sides,
  meta: { readonly old: MetaIndex; readonly new: MetaIndex },
): { licences: LicenceChange[]; licencesNotCompared?: number } {
  const { changes, notCompared } = licenceChanges(s, meta);
  return { licences: changes, ...(notCompared > 0 ? { licencesNotCompared: notCompared } : {}) };
}
