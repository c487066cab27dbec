import type { CheckFinding } from "./evaluate.js";
import type { TextPosition } from "../input-issue.js";
import type { Gap, SubjectFile, ToolInfo } from "../report.js";

export type LocatedFinding = CheckFinding & {
  /** Where the offending node starts in flake.lock. */
  readonly location?: TextPosition;
};

export interface CheckReport {
  readonly schemaVersion: 1;
  readonly tool: ToolInfo;
  readonly evaluatedAt: string;
  readonly lockFile: SubjectFile;
  /** How upstream facts were gathered: online, offline (cache only) or lock-only (none). */
  readonly upstream: "online" | "offline" | "lock-only";
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
}
