import type { Closure } from "./closure/closure.js";
import type { LockInventory } from "./lock/inventory.js";
import type { ResolvedEntry } from "./provenance/report.js";
import type { Gap, SubjectFile, ToolInfo } from "./report.js";
import type { ClosurePackages } from "./sbom-packages.js";
import type { SbomMetadata } from "./sbom-metadata.js";
import type { SourceFiles } from "./licence/evidence.js";

/** Everything the CycloneDX renderer needs; no CycloneDX types here. */
export interface SbomModel {
  readonly tool: ToolInfo;
  /** The flake: name from --name or its directory. */
  readonly flakeName: string;
  readonly lockFile?: SubjectFile;
  readonly lockVersion?: number;
  readonly inventory?: LockInventory;
  /** Store paths of a build closure, with the paths it hangs from. */
  readonly closure?: { readonly data: Closure; readonly roots: readonly string[]; readonly origin: string };
  /** With --derivations (and --meta): what each runtime store path is, as a package. */
  readonly packages?: ClosurePackages;
  /**
   * What each locked source's own licence files say, by input id, when the local store was read
   * (absent: it was not). `domain/licence/conclude.ts` `inputLicence` decides an input's licence from
   * these and `provenance`; every renderer asks it, so "unknown" is the same in CycloneDX and SPDX.
   */
  readonly sourceLicences?: ReadonlyMap<string, SourceFiles>;
  /** Where the licence files were read (`/nix/store`), for the SBOM's metadata. */
  readonly licenceStore?: string;
  /** Upstream facts by input id, with --resolve. */
  readonly provenance?: ReadonlyMap<string, ResolvedEntry>;
  /** Injected clock; absent in reproducible mode without SOURCE_DATE_EPOCH. */
  readonly timestamp?: Date;
  /** urn:uuid:…; absent in reproducible mode. */
  readonly serialNumber?: string;
  readonly reproducible: boolean;
  /** The minimum elements: manufacturer, supplier, vulnerability contact, authors, lifecycle, flake version. */
  readonly metadata?: SbomMetadata;
  readonly gaps: readonly Gap[];
  /** More metadata properties, e.g. the fleet host an SBOM describes (`flake-audit:host`). */
  readonly properties?: ReadonlyArray<readonly [string, string]>;
}
