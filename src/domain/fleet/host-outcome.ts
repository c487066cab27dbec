import type { Closure } from "../closure/closure.js";
import type { Generation, HostSource } from "./report.js";

/** What was read from one host. */
export interface HostObservation {
  readonly name: string;
  readonly source: HostSource;
  readonly system: string;
  readonly generation?: number;
  readonly generations: readonly Generation[];
  readonly closure: Closure;
  /** The previous generation's closure, when it could be read. */
  readonly previous?: { readonly system: string; readonly closure: Closure };
}

/** A host that could not be read, and why. */
export interface HostFailure {
  readonly name: string;
  readonly source: HostSource;
  readonly failure: string;
}

export type HostOutcome = HostObservation | HostFailure;
