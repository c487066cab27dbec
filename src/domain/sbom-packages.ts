import type { Origin, Package } from "./packages/index.js";

/**
 * The packages an SBOM describes: domain/packages' join of the closure, its derivations and meta,
 * indexed by runtime store path, with the --buildtime sources. Nothing here is CycloneDX.
 */
export interface ClosurePackages {
  /** Runtime store path → its package. */
  readonly byPath: ReadonlyMap<string, Package>;
  /** With --buildtime: fetched sources reachable from the derivations but not in the runtime closure. */
  readonly buildTime: readonly Origin[];
}
