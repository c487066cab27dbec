import type { Closure } from "../closure/closure.js";
import type { LockInventory } from "../lock/inventory.js";
import type { SignatureChecker } from "./signatures.js";

/** What a fleet is checked against: the known locks, the approved systems, the signature checker. */
export interface KnownLock {
  readonly label: string;
  readonly inventory: LockInventory;
  readonly approved: boolean;
}

export interface FleetPlan {
  readonly locks: readonly KnownLock[];
  /** Host-name glob → approved system path, first match wins. */
  readonly approvedSystems: readonly { readonly glob: string; readonly system: string }[];
  readonly checker: SignatureChecker;
  /** Closures of approved systems by store path, for drift diffs. */
  readonly approvedClosures: ReadonlyMap<string, Closure>;
  /** How many failing paths each host lists (all are counted). */
  readonly examples: number;
}
