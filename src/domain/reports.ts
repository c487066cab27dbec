import type { LockInventory } from "./inventory.js";

/** Who made a report: `{ name: "flake-audit", version: "0.1.0" }`. */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
}

/** An input file a report was made from, with the SHA-256 of its bytes. */
export interface SubjectFile {
  readonly path: string;
  readonly sha256: string;
}

/** Something the report could not learn, and why. */
export interface Gap {
  readonly input?: string;
  readonly reason: string;
}

/** Everything the CycloneDX renderer needs; no CycloneDX types here. */
export interface SbomModel {
  readonly tool: ToolInfo;
  /** The flake: name from --name or its directory. */
  readonly flakeName: string;
  readonly lockFile?: SubjectFile;
  readonly lockVersion?: number;
  readonly inventory?: LockInventory;
  /** Injected clock; absent in reproducible mode without SOURCE_DATE_EPOCH. */
  readonly timestamp?: Date;
  /** urn:uuid:…; absent in reproducible mode. */
  readonly serialNumber?: string;
  readonly reproducible: boolean;
  readonly gaps: readonly Gap[];
}
