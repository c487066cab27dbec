import type { Closure } from "./closure.js";
import type { LockInventory } from "./inventory.js";
import type { ResolvedEntry } from "./resolve-report.js";

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
  /** Store paths of a build closure, with the paths it hangs from. */
  readonly closure?: { readonly data: Closure; readonly roots: readonly string[]; readonly origin: string };
  /** Upstream facts by input id, with --resolve. */
  readonly provenance?: ReadonlyMap<string, ResolvedEntry>;
  /** Injected clock; absent in reproducible mode without SOURCE_DATE_EPOCH. */
  readonly timestamp?: Date;
  /** urn:uuid:…; absent in reproducible mode. */
  readonly serialNumber?: string;
  readonly reproducible: boolean;
  readonly gaps: readonly Gap[];
}

/** What a report says about one locked input: identity, upstream coordinates and the lock facts. */
export interface InputFacts {
  /** The primary input path, e.g. `home-manager/nixpkgs`. */
  readonly input: string;
  /** Every input path that reaches the same locked source. */
  readonly inputPaths: readonly string[];
  readonly type: string;
  readonly owner?: string;
  readonly repo?: string;
  /** The locked flake reference, e.g. `github:NixOS/nixpkgs/5e2a…`. */
  readonly url: string;
  /** The reference as written in flake.nix. */
  readonly original?: string;
  readonly rev?: string;
  readonly narHash?: string;
  /** ISO 8601. */
  readonly lastModified?: string;
  readonly storePath?: string;
}

export interface TraceReport {
  readonly schemaVersion: 1;
  readonly tool: ToolInfo;
  readonly path: string;
  readonly kind: "source" | "derivation" | "output" | "unknown";
  readonly attribution: "source" | "build" | "none";
  readonly inputs: readonly InputFacts[];
  readonly sources: ReadonlyArray<{ readonly path: string; readonly via: "derivation" | "references"; readonly depth: number; readonly inputs: readonly InputFacts[] }>;
  readonly chain: readonly string[];
  readonly deriver?: string;
  readonly nearestAttributed?: { readonly path: string; readonly inputs: readonly InputFacts[] };
  /** Hints, e.g. that no lock was found, or that a fetched source's NAR hash matches no locked input. */
  readonly notes: readonly string[];
  readonly lockFile?: SubjectFile;
  readonly closureFile?: SubjectFile & { readonly shape: string };
  readonly gaps: readonly Gap[];
}
