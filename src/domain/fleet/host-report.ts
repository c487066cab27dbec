import type { ToolInfo } from "../report.js";
import type { Generation } from "./report.js";

/** What `flake-audit host-report` writes: a host's system, generations and closure, for `fleet --reports`. */
export interface HostReport {
  readonly tool: ToolInfo;
  readonly host: string;
  readonly collectedAt?: string;
  readonly system: string;
  readonly generation?: number;
  readonly generations: readonly Generation[];
  /** `nix path-info --json --recursive` output as nix printed it, already checked to parse as a closure. */
  readonly closureJson: string;
  readonly previous?: { readonly system: string; readonly closureJson: string };
}
