import type { PackageChange } from "../diff/closure-diff.js";
import type { Gap, SubjectFile, ToolInfo } from "../report.js";
import type { FleetFinding } from "./findings.js";
import type { PathVerdict } from "./signatures.js";

/** A profile generation: `system-12-link` → `{ number: 12, path, date }`. */
export interface Generation {
  readonly number: number;
  readonly path: string;
  /** ISO 8601, from the link's modification time; absent when unknown. */
  readonly date?: string;
}

/** A locked input of an approved lock whose source store path is in the host's closure. */
export interface InputOnHost {
  readonly input: string;
  readonly rev?: string;
  readonly lastModified?: string;
  readonly storePath: string;
  /** The lock that pins this source: the approved lock's path, or one of the older known locks. */
  readonly lock: string;
  /** Whether the approved lock pins it (false: only an older lock does). */
  readonly approved: boolean;
}

export interface ClosureChange {
  readonly from: string;
  readonly to: string;
  readonly packages: readonly PackageChange[];
  readonly sizeDelta: number;
}

export interface HostSignatures {
  readonly counts: Readonly<Record<PathVerdict, number>>;
  /** The first failing paths of each kind (all of them are counted). */
  readonly untrusted: readonly string[];
  readonly unsigned: readonly string[];
  readonly invalid: readonly string[];
  /** The first paths carrying a signature that is not `<key name>:<base64 of 64 bytes>` (absent when none). */
  readonly malformed?: readonly string[];
  /** How many paths carry a malformed signature (absent when none); `malformed` lists the first of them. */
  readonly malformedCount?: number;
}

export type HostSource =
  | { readonly kind: "store"; readonly store: string }
  | { readonly kind: "report"; readonly file: string };

/** One host: what it runs, whether that was approved, where it came from and who signed it. */
export interface HostEntry {
  readonly name: string;
  readonly source: HostSource;
  /** `ok`, or why the host is a gap. */
  readonly status: "ok" | "unreachable";
  readonly reason?: string;
  readonly system?: string;
  readonly generation?: number;
  readonly generations: readonly Generation[];
  /** Null when nothing was approved for this host. */
  readonly approved: boolean | null;
  readonly expectedSystem?: string;
  readonly paths: number;
  readonly inputs: readonly InputOnHost[];
  /** Package changes from the approved system to this one, when it drifted and both closures were read. */
  readonly drift?: ClosureChange;
  /** Package changes from the previous generation to the current one (the rollback question). */
  readonly lastChange?: ClosureChange;
  readonly signatures?: HostSignatures;
}

export interface SystemGroup {
  readonly system: string;
  readonly hosts: readonly string[];
  readonly approved: boolean | null;
}

export interface FleetTotals {
  readonly hosts: number;
  readonly read: number;
  readonly gaps: number;
  readonly distinctSystems: number;
  /** Distinct store paths across the fleet's closures. */
  readonly distinctPaths: number;
  /** Distinct store paths that fail the signature audit on at least one host, by verdict. */
  readonly untrustedPaths: number;
  readonly unsignedPaths: number;
  readonly invalidPaths: number;
}

export interface FleetReport {
  readonly schemaVersion: 1;
  readonly tool: ToolInfo;
  readonly fleetFile?: SubjectFile;
  readonly approvedLock?: SubjectFile & { readonly nixpkgsRev?: string };
  readonly trustedKeys: readonly string[];
  readonly hosts: readonly HostEntry[];
  readonly groups: readonly SystemGroup[];
  readonly totals: FleetTotals;
  readonly findings: readonly FleetFinding[];
  readonly gaps: readonly Gap[];
}
