import type { CheckFinding } from "./evaluate.js";
import type { CheckedInput } from "./checked-input.js";
import type { TextPosition } from "../input-issue.js";
import type { Gap, SubjectFile, ToolInfo } from "../report.js";

/** A span of text: where it starts, and the line and column just past its end. */
export type TextSpan = TextPosition & { readonly endLine: number; readonly endColumn: number };

export type LocatedFinding = CheckFinding & {
  /** The key of the offending node in flake.lock's `nodes`: where it starts and ends. */
  readonly location?: TextSpan;
};

export interface CheckReport {
  readonly schemaVersion: 1;
  readonly tool: ToolInfo;
  readonly evaluatedAt: string;
  /** The lock that was read; absent when a closure alone was checked. */
  readonly lockFile?: SubjectFile;
  /** The closure file whose packages were checked (absent without one, or when nix answered). */
  readonly closureFile?: SubjectFile;
  /** The lock's path from the root of the git work tree holding it, when it is in one (SARIF's %SRCROOT%). */
  readonly repositoryPath?: string;
  /**
   * How upstream facts were gathered: online, offline (cache only) or lock-only (none). Absent
   * without a lock: there were no inputs to ask about.
   */
  readonly upstream?: "online" | "offline" | "lock-only";
  /** The policy that applied: its source and the effective default settings. */
  readonly policy: {
    readonly source: string;
    readonly settings: unknown;
    readonly overrides: number;
    readonly allowances: number;
  };
  readonly findings: readonly LocatedFinding[];
  readonly suppressed: readonly LocatedFinding[];
  readonly gaps: readonly Gap[];
  /**
   * The lock's locked sources with pinning and licence, for the HTML report's inputs table; absent
   * without a lock. Not published in the JSON (its schema leaves it out; the SBOM carries these facts).
   */
  readonly inputs?: readonly CheckedInput[];
}
