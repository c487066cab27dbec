import type { InputGraph } from "../../domain/graph/model.js";
import { code, h } from "../html/escape.js";
import { renderPage } from "../html/page.js";
import { counts, type Html } from "../html/parts.js";
import { graphSummary, LEGEND } from "./summary.js";

/**
 * The static SVG of the input graph in a labelled, focusable scroll region: a wide graph scrolls
 * there at its own size (legible) rather than shrinking to the screen or widening the page.
 */
export const graphFigure = (svg: string, g: InputGraph): Html =>
  `<figure class="graph">
<div class="scroll" role="region" aria-label="Input graph" tabindex="0">
${svg.trimEnd()}
</div>
<figcaption>${h(graphSummary(g))}. ${h(LEGEND)}.</figcaption>
</figure>`;

/** graph --format html: the laid-out SVG (no script needed to show it) on the report page. */
export function renderInputGraphHtml(g: InputGraph, svg: string, tool: { name: string; version: string }): string {
  const drawn = g.nodes.filter((n) => n.kind === "input").length;
  const lead = [
    `<p>Inputs of ${code(g.source)}, follows resolved.</p>`,
    counts([
      ["inputs", g.totalInputs, "inputs"],
      ["drawn", drawn, "drawn"],
      ["edges", g.edges.length, "edges"],
    ]),
  ].join("\n");
  return renderPage({ title: "Input graph", lead, body: graphFigure(svg, g), tool });
}
