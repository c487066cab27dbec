import type { InputGraph } from "../../domain/graph/model.js";

/** How to read the drawing, in words (every renderer states it: marks are never colour alone). */
export const LEGEND =
  "dashed line: follows · double border: duplicate (one repository at several revisions) · thick border: unlocked · [marks] in text";

/** One line: what is drawn and what is collapsed. */
export function graphSummary(g: InputGraph): string {
  const drawn = g.nodes.filter((n) => n.kind === "input").length;
  const of = `${drawn} of ${g.totalInputs} input${g.totalInputs === 1 ? "" : "s"} drawn`;
  return g.collapsedBeyond !== undefined
    ? `${of}; inputs deeper than ${g.collapsedBeyond} are collapsed (--depth N or --all draws more)`
    : `${of}`;
}
