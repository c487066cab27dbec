import type { GraphNode, InputGraph } from "../../domain/graph/model.js";
import { graphSummary, LEGEND } from "./summary.js";
import { edgeNames, nodeLines, nodeTitle } from "./text.js";
import { visibleOneLine } from "../escape.js";

/**
 * A DOT double-quoted string: `\` and `"` escaped, so no lock text ends the string or starts one of
 * DOT's own escapes (`\N`, `\l`), and `&` as `&amp;`, since Graphviz decodes entities in labels
 * (`&lt;` would show as `<`). The text is one visible line already (text.ts), so no line breaks.
 */
export const dotString = (s: string): string => `"${s.replace(/[\\"&]/g, (c) => (c === "&" ? "&amp;" : `\\${c}`))}"`;

/** A node's attributes: marks by shape (double border: duplicate, thick border: unlocked) and by text. */
function nodeAttrs(n: GraphNode): string {
  const label = nodeLines(n)
    .map((l) => dotString(l).slice(1, -1))
    .join("\\n");
  const attrs = [`label="${label}"`, `tooltip=${dotString(nodeTitle(n))}`];
  if (n.kind === "root") attrs.push(`style="rounded,bold"`);
  if (n.kind === "collapsed") attrs.push("style=dashed");
  if (n.kind === "input") {
    if (n.marks.includes("duplicate")) attrs.push("peripheries=2");
    if (n.marks.includes("unlocked")) attrs.push("penwidth=3");
  }
  return attrs.join(", ");
}

/**
 * The input graph as Graphviz DOT (`dot -Tsvg`), left to right. Node ids are the graph's own
 * (`n0`, `n1`, …), never lock text; every label and tooltip is a quoted, escaped string.
 */
export function renderInputGraphDot(g: InputGraph): string {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const lines = [
    "digraph inputs {",
    `  graph [rankdir=LR, labelloc=b, fontname="monospace", label=${dotString(visibleOneLine(`${g.source}: ${graphSummary(g)}. ${LEGEND}`))}];`,
    `  node [shape=box, fontname="monospace", fontsize=10];`,
    `  edge [fontname="monospace", fontsize=9];`,
  ];
  for (const n of g.nodes) lines.push(`  ${n.id} [${nodeAttrs(n)}];`);
  for (const e of g.edges) {
    const attrs: string[] = [];
    if (e.kind === "follows") attrs.push("style=dashed");
    const names = edgeNames(e.names, byId.get(e.to));
    if (names !== undefined) attrs.push(`label=${dotString(names)}`);
    lines.push(`  ${e.from} -> ${e.to}${attrs.length > 0 ? ` [${attrs.join(", ")}]` : ""};`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
