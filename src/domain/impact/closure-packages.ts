import { compareStrings } from "../lock/input-path.js";
import type { Derivation, DerivationSet } from "../nix/derivation.js";
import { storePathProblem } from "../nix/store-path.js";
import { fetchedOrigin, listAttr, nameOf } from "../packages/origin.js";
import type { MirrorTable } from "../packages/model.js";
import type { SourceFacts } from "./model.js";

/** A package of a derivation closure: a derivation that is not a fetch, named as domain/packages names it. */
export interface ClosurePackage {
  readonly drv: Derivation;
  readonly name: string;
  /** "" for a derivation without a version. */
  readonly version: string;
}

/** The packages of one side, indexed by name and by name + version. */
export interface PackageIndex {
  readonly set: DerivationSet;
  /** The store directory of the closure's derivations (sources outside it are not store objects). */
  readonly storeDir: string;
  readonly byName: ReadonlyMap<string, readonly ClosurePackage[]>;
  /** `name\0version` → the packages, sorted by .drv path. */
  readonly byKey: ReadonlyMap<string, readonly ClosurePackage[]>;
  /** .drv path → its package (absent for fetches). */
  readonly byDrv: ReadonlyMap<string, ClosurePackage>;
}

export const keyOf = (name: string, version: string): string => `${name}\u0000${version}`;

const storeDirOf = (drvPath: string): string => drvPath.slice(0, drvPath.lastIndexOf("/"));

/** One pass over the set: linear in its size. */
export function indexPackages(set: DerivationSet): PackageIndex {
  const byName = new Map<string, ClosurePackage[]>();
  const byKey = new Map<string, ClosurePackage[]>();
  const byDrv = new Map<string, ClosurePackage>();
  let storeDir = "/nix/store";
  for (const d of set.byPath.values()) {
    storeDir = storeDirOf(d.path);
    if (d.fixed.size > 0) continue;
    const owner = nameOf(d);
    const p: ClosurePackage = { drv: d, name: owner.name, version: owner.version ?? "" };
    byDrv.set(d.path, p);
    const n = byName.get(p.name);
    if (n === undefined) byName.set(p.name, [p]);
    else n.push(p);
    const k = keyOf(p.name, p.version);
    const kk = byKey.get(k);
    if (kk === undefined) byKey.set(k, [p]);
    else kk.push(p);
  }
  for (const list of byKey.values()) list.sort((a, b) => compareStrings(a.drv.path, b.drv.path));
  return { set, storeDir, byName, byKey, byDrv };
}

/** The store paths an attribute names that are store objects of this store (a `src` can say anything). */
function storePaths(index: PackageIndex, d: Derivation, attr: string): string[] {
  return listAttr(d.env.get(attr)).filter((p) => storePathProblem(p, index.storeDir) === undefined);
}

export const sourcePaths = (index: PackageIndex, d: Derivation): string[] => [
  ...storePaths(index, d, "src"),
  ...storePaths(index, d, "srcs"),
];

export const patchPaths = (index: PackageIndex, d: Derivation): string[] => storePaths(index, d, "patches");

/** A store path's display name: the fetch that makes it (`CVE-2024-9143.patch`), else its store name. */
export function pathName(index: PackageIndex, path: string): string {
  const drv = index.set.byOutput.get(path);
  const d = drv !== undefined ? index.set.byPath.get(drv) : undefined;
  if (d !== undefined && d.fixed.size > 0) return d.name;
  return path.slice(path.lastIndexOf("/") + 34);
}

const NO_MIRRORS: ReadonlyMap<string, MirrorTable> = new Map();

/** The first fetched source of a package: URL, revision and hash as nixpkgs wrote them. */
export function sourceFacts(index: PackageIndex, p: ClosurePackage): SourceFacts | undefined {
  for (const path of sourcePaths(index, p.drv)) {
    const drv = index.set.byOutput.get(path);
    const d = drv !== undefined ? index.set.byPath.get(drv) : undefined;
    if (d === undefined || d.fixed.size === 0) continue;
    // Mirrors are not resolved here: the URL is shown as nixpkgs wrote it (`mirror://gnu/…`).
    const o = fetchedOrigin(
      d,
      path,
      { name: p.name, version: p.version },
      { mirrors: NO_MIRRORS, onUnresolved: () => {} },
    );
    if (o.kind !== "fetched") continue;
    const url = o.git?.url ?? o.urls[0]?.mirror ?? o.urls[0]?.url;
    const hash = o.hash !== undefined ? (o.hash.written ?? `${o.hash.alg.toLowerCase()}:${o.hash.content}`) : undefined;
    return {
      name: o.name,
      ...(url !== undefined ? { url } : {}),
      ...(o.git?.rev !== undefined ? { rev: o.git.rev } : {}),
      ...(hash !== undefined ? { hash } : {}),
    };
  }
  return undefined;
}
