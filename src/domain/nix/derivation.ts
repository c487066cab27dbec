import { compareStrings } from "../lock/input-path.js";

/** A store derivation, normalised from any `nix show-derivation` / `nix derivation show` version. */
export interface Derivation {
  /** Full path of the .drv. */
  readonly path: string;
  readonly name?: string;
  /** Output name → full output path (absent for floating content-addressed outputs). */
  readonly outputs: ReadonlyMap<string, string | undefined>;
  /** Source paths the build reads (flake inputs appear here when the build uses them). */
  readonly inputSrcs: readonly string[];
  /** Input derivation → the outputs used. */
  readonly inputDrvs: ReadonlyMap<string, readonly string[]>;
}

export interface DerivationSet {
  readonly byPath: ReadonlyMap<string, Derivation>;
  /** Output path → the derivation that builds it. */
  readonly byOutput: ReadonlyMap<string, string>;
}

export function derivationSet(drvs: Iterable<Derivation>): DerivationSet {
  const byPath = new Map<string, Derivation>();
  const byOutput = new Map<string, string>();
  for (const d of drvs) {
    byPath.set(d.path, d);
    for (const out of d.outputs.values()) if (out !== undefined) byOutput.set(out, d.path);
  }
  return { byPath, byOutput };
}

/** A source path a build reads, `depth` derivations away (0: the derivation itself). */
export interface BuildSource {
  readonly path: string;
  readonly depth: number;
  /** The derivation whose inputSrcs list it. */
  readonly via: string;
}

/**
 * Every source path in a derivation's build closure, nearest first: breadth-first over inputDrvs,
 * each source listed once at its smallest depth.
 */
export function buildSources(set: DerivationSet, drvPath: string): BuildSource[] {
  const out: BuildSource[] = [];
  const seenSrc = new Set<string>();
  const seenDrv = new Set<string>([drvPath]);
  let frontier = [drvPath];
  for (let depth = 0; frontier.length > 0; depth++) {
    const following: string[] = [];
    for (const p of frontier.sort(compareStrings)) {
      const d = set.byPath.get(p);
      if (d === undefined) continue;
      for (const src of [...d.inputSrcs].sort(compareStrings)) {
        if (seenSrc.has(src)) continue;
        seenSrc.add(src);
        out.push({ path: src, depth, via: p });
      }
      for (const dep of d.inputDrvs.keys()) {
        if (seenDrv.has(dep)) continue;
        seenDrv.add(dep);
        following.push(dep);
      }
    }
    frontier = following;
  }
  return out;
}
