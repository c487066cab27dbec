import type { InputFacts } from "../lock/input-facts.js";
import type { Gap, SubjectFile } from "../report.js";
import type { ToolInfo } from "../report.js";

/** What `trace` answers about one store path. */
export interface TraceReport {
  readonly schemaVersion: 1;
  readonly tool: ToolInfo;
  readonly path: string;
  readonly kind: "source" | "derivation" | "output" | "unknown";
  /** `none` is a decided no; `unknown`: the data given cannot tell, and a gap names the options that would. */
  readonly attribution: "source" | "build" | "none" | "unknown";
  readonly inputs: readonly InputFacts[];
  readonly sources: ReadonlyArray<{
    readonly path: string;
    readonly via: "derivation" | "references";
    readonly depth: number;
    readonly inputs: readonly InputFacts[];
  }>;
  readonly chain: readonly string[];
  readonly deriver?: string;
  readonly nearestAttributed?: { readonly path: string; readonly inputs: readonly InputFacts[] };
  /** Hints, e.g. that no lock was found, or that a fetched source's NAR hash matches no locked input. */
  readonly notes: readonly string[];
  readonly lockFile?: SubjectFile;
  readonly closureFile?: SubjectFile & { readonly shape: string };
  readonly gaps: readonly TraceGap[];
}

/**
 * A gap of trace. With `options`, data that was not given (the options that would give it): leaving
 * it out is a choice, as --offline is, so it never makes the run incomplete; without, nix could not answer.
 */
export interface TraceGap extends Gap {
  readonly options?: readonly string[];
}
