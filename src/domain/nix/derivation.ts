import type { ContentAddress } from "./content-address.js";
import { compareStrings } from "../lock/input-path.js";

/** A derivation attribute: an environment string, or a structured attribute's string or list of strings. */
export type DerivationAttr = string | readonly string[];

/**
 * A derivation's attributes by name (`pname`, `src`, `urls`, `outputHash` …): its `env`, or, for
 * structured-attrs derivations (`__json` / `structuredAttrs`), the attributes that are strings or
 * lists of strings. Other values (numbers, sets) read as undefined.
 */
export interface DerivationEnv {
  get(name: string): DerivationAttr | undefined;
}

/** A store derivation, normalised from any `nix show-derivation` / `nix derivation show` version. */
export interface Derivation {
  /** Full path of the .drv. */
  readonly path: string;
  /** The derivation's name: as written, else the .drv's store name without `.drv`. */
  readonly name: string;
  /**
   * Output name → full output path: as written, or for fixed outputs that carry none (Nix 2.32+)
   * computed from name, method and hash (`makeFixedOutputPath`); undefined for floating
   * content-addressed, impure and deferred outputs.
   */
  readonly outputs: ReadonlyMap<string, string | undefined>;
  /** Output name → its fixed content address, for fixed-output derivations (fetchers); usually empty. */
  readonly fixed: ReadonlyMap<string, ContentAddress>;
  readonly env: DerivationEnv;
  /** Source paths the build reads (flake inputs appear here when the build uses them). */
  readonly inputSrcs: readonly string[];
  /** Input derivation → the outputs used. */
  readonly inputDrvs: ReadonlyMap<string, readonly string[]>;
}

export interface DerivationSet {
  readonly byPath: ReadonlyMap<string, Derivation>;
  /**
   * Output path → the derivation that builds it. Several fixed-output derivations can build one
   * path (the same fetch written twice); the byte-order smallest .drv path is kept, so the map does
   * not depend on the document's order.
   */
  readonly byOutput: ReadonlyMap<string, string>;
}

export function derivationSet(drvs: Iterable<Derivation>): DerivationSet {
  const byPath = new Map<string, Derivation>();
  const byOutput = new Map<string, string>();
  for (const d of drvs) {
    byPath.set(d.path, d);
    for (const out of d.outputs.values()) {
      if (out === undefined) continue;
      const had = byOutput.get(out);
      if (had === undefined || compareStrings(d.path, had) < 0) byOutput.set(out, d.path);
    }
  }
  return { byPath, byOutput };
}

/**
 * The derivation that built `path`: the one the closure names when the set has it and it can
 * build the path (lists it, or has an output whose path is not known in advance: floating
 * content-addressed), else the set's output map.
 */
export function derivationOf(set: DerivationSet, path: string, namedDeriver?: string): Derivation | undefined {
  const named = namedDeriver !== undefined ? set.byPath.get(namedDeriver) : undefined;
  if (named !== undefined && [...named.outputs.values()].some((p) => p === path || p === undefined)) return named;
  const built = set.byOutput.get(path);
  return built !== undefined ? set.byPath.get(built) : undefined;
}

/** The output name under which `d` builds `path`, if it does. */
export function outputNameOf(d: Derivation, path: string): string | undefined {
  for (const [name, p] of d.outputs) if (p === path) return name;
  return undefined;
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
