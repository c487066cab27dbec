import { collapsedLabel, type GraphNode } from "../../domain/graph/model.js";
import {
  FONT_SIZE,
  LINE_HEIGHT,
  PADDING,
  type GraphLayout,
  type PlacedEdge,
  type PlacedNode,
  type Point,
} from "./layout.js";
import { edgeNames, escapeXml, nodeLines, nodeTitle } from "./text.js";
import { graphSummary, LEGEND } from "./summary.js";
import { visibleOneLine } from "../escape.js";

/** Room around the drawing, and below it for the legend lines. */
const MARGIN = 12;
const n1 = (v: number): string => String(Math.round(v * 10) / 10);

/** The outline of a node: its marks are told by shape and text, never by colour alone. */
function outline(p: PlacedNode): string {
  const box = (inset: number, extra: string): string =>
    `<rect x="${n1(p.x + inset)}" y="${n1(p.y + inset)}" width="${n1(p.width - 2 * inset)}" height="${n1(p.height - 2 * inset)}"${extra}/>`;
  const n = p.node;
  if (n.kind === "root") return box(0, ` rx="10" stroke-width="2" fill="currentColor" fill-opacity="0.08"`);
  if (n.kind === "collapsed") return box(0, ` rx="4" stroke-dasharray="3 3" fill="none"`);
  const marked = n.marks.some((m) => m !== "shared");
  // Unlocked: a thick border; duplicate: a second border inside; any finding: a light tint as well.
  const width = n.marks.includes("unlocked") ? "3" : "1";
  const tint = marked ? ` fill="currentColor" fill-opacity="0.08"` : ` fill="none"`;
  const first = box(0, ` rx="4" stroke-width="${width}"${tint}`);
  return n.marks.includes("duplicate") ? first + box(3, ` rx="2" fill="none"`) : first;
}

function drawNode(p: PlacedNode): string {
  const lines = nodeLines(p.node);
  const italic = p.node.kind === "collapsed" ? ` font-style="italic"` : "";
  const text = lines
    .map((l, i) => {
      const weight = i === 0 && p.node.kind !== "collapsed" ? ` font-weight="bold"` : "";
      const y = p.y + PADDING / 2 + LINE_HEIGHT * i + FONT_SIZE;
      return `<text x="${n1(p.x + PADDING)}" y="${n1(y)}" stroke="none"${weight}${italic}>${escapeXml(l)}</text>`;
    })
    .join("");
  return `<g><title>${escapeXml(nodeTitle(p.node))}</title>${outline(p)}${text}</g>`;
}

/** A filled triangle at the end of the last segment, pointing along it (no <marker>: no ids to clash on a page). */
function arrowHead(a: Point, b: Point): string {
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / len;
  const uy = (b.y - a.y) / len;
  const back = { x: b.x - ux * 8, y: b.y - uy * 8 };
  const left = `${n1(back.x - uy * 4)},${n1(back.y + ux * 4)}`;
  const right = `${n1(back.x + uy * 4)},${n1(back.y - ux * 4)}`;
  return `<polygon points="${n1(b.x)},${n1(b.y)} ${left} ${right}" stroke="none"/>`;
}

function drawEdge(e: PlacedEdge, nodes: ReadonlyMap<string, GraphNode>): string {
  const [first, ...rest] = e.points;
  const last = e.points[e.points.length - 1];
  const before = e.points[e.points.length - 2];
  if (first === undefined || last === undefined || before === undefined) return "";
  const d = `M${n1(first.x)} ${n1(first.y)}${rest.map((p) => ` L${n1(p.x)} ${n1(p.y)}`).join("")}`;
  const told = edgeNames(e.edge.names, nodes.get(e.edge.to), Number.POSITIVE_INFINITY);
  const names = told !== undefined ? ` as ${told}` : "";
  const title = visibleOneLine(
    `${labelOf(nodes.get(e.edge.from))} → ${labelOf(nodes.get(e.edge.to))}${names}${e.edge.kind === "follows" ? " (follows)" : ""}`,
  );
  const dash = e.edge.kind === "follows" ? ` stroke-dasharray="6 4"` : "";
  return `<g><title>${escapeXml(title)}</title><path d="${d}" fill="none"${dash}/>${arrowHead(before, last)}</g>`;
}

const labelOf = (n: GraphNode | undefined): string =>
  n === undefined ? "" : n.kind === "collapsed" ? collapsedLabel(n.hidden) : n.label;

/**
 * A laid-out input graph (render/graph/layout.ts: await layoutInputGraph first) as one static SVG
 * element: no script, no style element, no external or internal references (arrowheads are drawn,
 * not <marker>s, so several graphs can share a page), every lock string escaped as XML text.
 * Strokes and text use currentColor, so the picture follows the page's light or dark colours.
 * Pure and deterministic: the same layout gives the same bytes.
 */
export function renderInputGraphSvg(layout: GraphLayout): string {
  const nodes = new Map(layout.graph.nodes.map((n) => [n.id, n]));
  const legend = [graphSummary(layout.graph), LEGEND];
  const width = Math.max(layout.width, ...legend.map((l) => l.length * 7.4)) + 2 * MARGIN;
  const height = layout.height + 2 * MARGIN + legend.length * LINE_HEIGHT;
  const legendText = legend
    .map(
      (l, i) =>
        `<text x="${MARGIN}" y="${n1(layout.height + 2 * MARGIN + LINE_HEIGHT * i + FONT_SIZE - 4)}" stroke="none">${escapeXml(l)}</text>`,
    )
    .join("");
  const title = visibleOneLine(`Inputs of ${layout.graph.source}`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(`${title}: ${legend[0] ?? ""}`)}"`,
    ` width="${n1(width)}" height="${n1(height)}" viewBox="0 0 ${n1(width)} ${n1(height)}"`,
    ` font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="${FONT_SIZE}"`,
    ` fill="currentColor" stroke="currentColor">`,
    `<title>${escapeXml(title)}</title><desc>${escapeXml(legend.join(" "))}</desc>`,
    `<g transform="translate(${MARGIN} ${MARGIN})">`,
    `<g>${layout.edges.map((e) => drawEdge(e, nodes)).join("\n")}</g>`,
    `<g>${layout.nodes.map(drawNode).join("\n")}</g>`,
    `</g>`,
    legendText,
    `</svg>\n`,
  ].join("\n");
}
