import type { GraphNode, InputGraph } from "../../domain/graph/model.js";
import { graphSummary } from "./summary.js";
import { edgeNames, nodeLines } from "./text.js";

/**
 * Text for a quoted Mermaid label: every character but letters, digits, space and `._/:@+,=-` as a
 * Mermaid entity code (`#34;`), so quotes, brackets, pipes, `#`, `<`, backticks (which would also end
 * a Markdown code fence) and `-->` are text, never syntax or HTML. Mermaid decodes the codes when it draws.
 */
export const mermaidText = (s: string): string =>
  [...s].map((c) => (/^[A-Za-z0-9 ._/:@+,=-]$/.test(c) ? c : `#${c.codePointAt(0) ?? 0};`)).join("");

/** `n1["a<br/>b"]` in the node's shape: double border (subroutine) for duplicate, hexagon for unlocked. */
export function mermaidNode(n: GraphNode): string {
  const label = `"${nodeLines(n).map(mermaidText).join("<br/>")}"`;
  if (n.kind === "root") return `${n.id}([${label}])`;
  if (n.kind === "collapsed") return `${n.id}[/${label}/]`;
  if (n.marks.includes("unlocked")) return `${n.id}{{${label}}}`;
  if (n.marks.includes("duplicate")) return `${n.id}[[${label}]]`;
  return `${n.id}[${label}]`;
}

/** `a --> b`, `a -.-> b` for follows, with the input names when they say something. */
export function mermaidEdge(from: string, to: string, kind: "input" | "follows", names: string | undefined): string {
  const arrow = kind === "follows" ? "-.->" : "-->";
  return `${from} ${arrow}${names !== undefined ? `|"${mermaidText(names)}"|` : ""} ${to}`;
}

/** Read by people looking at the source: shapes, not colours, carry the marks. */
const LEGEND_COMMENT =
  "%% dotted arrow: follows; double border: duplicate; hexagon: unlocked; slanted: collapsed; [marks] in text";

/** The input graph as a Mermaid flowchart (GitHub renders it in Markdown), ids `n0`, `n1`, …. */
export function renderInputGraphMermaid(g: InputGraph): string {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const lines = ["flowchart LR", `%% ${mermaidText(`${g.source}: ${graphSummary(g)}`)}`, LEGEND_COMMENT];
  for (const n of g.nodes) lines.push(`  ${mermaidNode(n)}`);
  for (const e of g.edges) lines.push(`  ${mermaidEdge(e.from, e.to, e.kind, edgeNames(e.names, byId.get(e.to)))}`);
  return `${lines.join("\n")}\n`;
}
