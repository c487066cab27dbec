import type { InputGraph } from "../../domain/graph/model.js";
import type { ToolInfo } from "../../domain/report.js";

/** One --format of `graph`: a loader of `(graph, tool) => Promise<string>` (the tool signs the HTML page). */
type GraphLoader = () => Promise<(g: InputGraph, tool: ToolInfo) => Promise<string>>;

/**
 * Which renderer answers which `graph --format`, loaded on demand (elkjs only for svg). DOT and
 * Mermaid are laid out by whoever draws them; SVG is laid out here by ELK first, the one awaited
 * step (layout.ts), and then drawn by the pure renderInputGraphSvg.
 */
export const GRAPH_RENDERERS = {
  dot: async () => {
    const { renderInputGraphDot } = await import("./dot.js");
    return async (g) => renderInputGraphDot(g);
  },
  mermaid: async () => {
    const { renderInputGraphMermaid } = await import("./mermaid.js");
    return async (g) => renderInputGraphMermaid(g);
  },
  svg: async () => {
    const [{ layoutInputGraph }, { renderInputGraphSvg }] = await Promise.all([
      import("./layout.js"),
      import("./svg.js"),
    ]);
    return async (g) => renderInputGraphSvg(await layoutInputGraph(g));
  },
  html: async () => {
    const [{ layoutInputGraph }, { renderInputGraphSvg }, { renderInputGraphHtml }] = await Promise.all([
      import("./layout.js"),
      import("./svg.js"),
      import("./html.js"),
    ]);
    return async (g, tool) => renderInputGraphHtml(g, renderInputGraphSvg(await layoutInputGraph(g)), tool);
  },
} satisfies Record<string, GraphLoader>;
