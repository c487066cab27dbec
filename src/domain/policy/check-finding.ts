import type { Finding } from "../findings.js";
import type { Placement } from "./placement.js";

/**
 * A finding of `check`, with the lock node it points at, where its source sits in the input tree
 * (every path to it, the root input that brings it, a follows that would fix it) and, when
 * accepted, why. Its own file: evaluate.ts and the rule modules it calls both use it.
 */
export type CheckFinding = Finding &
  Placement & {
    readonly nodeKey?: string;
    readonly suppressedBy?: { readonly reason: string; readonly expires?: string };
  };
