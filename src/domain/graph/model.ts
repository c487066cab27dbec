import type { InputPath } from "../lock/input-path.js";

/**
 * The input graph of a lock, ready to draw: one node per distinct locked source (the inventory's
 * LockedInput, named by its primary input path), the root flake, and one summary node per shown
 * source whose deeper inputs are collapsed. Ids are `n0`, `n1`, … in the order nodes are listed, so
 * no lock text ever becomes an identifier in DOT, Mermaid or SVG.
 */
export interface InputGraph {
  /** The lock the graph is of, as the user named it (for titles). */
  readonly source: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Distinct sources in the lock (the root flake not counted), shown or not. */
  readonly totalInputs: number;
  /** The depth (input path length) beyond which inputs are collapsed; absent when every input is shown. */
  readonly collapsedBeyond?: number;
}

/**
 * - `duplicate`: the same repository is locked at several revisions (the duplicate-sources rule);
 * - `stale`: older than the policy's age threshold (the stale rule, nixpkgs' own threshold included);
 * - `unlocked`: not pinned by content (the unlocked rule);
 * - `shared`: one source that several input paths reach (follows, or identical locks).
 */
export const MARKS = ["duplicate", "stale", "unlocked", "shared"] as const;
export type Mark = (typeof MARKS)[number];

export type GraphNode =
  | { readonly kind: "root"; readonly id: string; readonly label: string }
  | {
      readonly kind: "input";
      readonly id: string;
      /** The primary input path, formatted (`home-manager/nixpkgs`). */
      readonly label: string;
      readonly path: InputPath;
      /** Where it comes from, short (`github:NixOS/nixpkgs @ 5e2a59a`). */
      readonly source: string;
      /** Every input path that reaches this source. */
      readonly paths: number;
      /** In MARKS order. */
      readonly marks: readonly Mark[];
      /** Set with `stale`: the pin's age in days. */
      readonly ageDays?: number;
    }
  | {
      readonly kind: "collapsed";
      readonly id: string;
      /** How many sources sit below the node this summarises, not drawn (`+K inputs`). */
      readonly hidden: number;
    };

/** `input`: a node's direct input; `follows`: an input that follows another path (drawn dashed). */
export type EdgeKind = "input" | "follows";

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** The input names of the edge (one parent can name one source twice), in byte order; none to a summary. */
  readonly names: readonly string[];
}

/** The label a collapsed node shows. */
export const collapsedLabel = (hidden: number): string => `+${hidden} input${hidden === 1 ? "" : "s"}`;

/** How a node's marks read in text (SVG and DOT badges, Mermaid labels, <title>s). */
export function marksText(n: Extract<GraphNode, { kind: "input" }>): string {
  return n.marks.map((m) => (m === "stale" && n.ageDays !== undefined ? `stale ${n.ageDays} d` : m)).join(", ");
}
