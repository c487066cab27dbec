import elkModule from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import type { GraphEdge, GraphNode, InputGraph } from "../../domain/graph/model.js";
import { nodeLines } from "./text.js";

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedNode {
  readonly node: GraphNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedEdge {
  readonly edge: GraphEdge;
  /** Start, bends, end. */
  readonly points: readonly Point[];
}

/** An input graph with every node and edge placed by ELK: what the SVG renderer draws. */
export interface GraphLayout {
  readonly graph: InputGraph;
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

/**
 * elkjs is CommonJS whose typings declare an ES default export: Node (and esbuild) hand the
 * constructor itself to a default import, while TypeScript expects it under `.default`.
 */
const Elk: typeof elkModule.default = "default" in elkModule ? elkModule.default : elkModule;

// Node sizes from the text they hold, in the SVG's monospace font at FONT_SIZE.
export const FONT_SIZE = 12;
export const CHAR_WIDTH = 7.4;
export const LINE_HEIGHT = 16;
export const PADDING = 8;
/**
 * Above this many nodes ELK's cheaper node placement and straight edges keep a 500-node layout well
 * under 2 s (network-simplex placement with orthogonal routing takes 3 s there). Edges into one node
 * are merged either way: a lock's nixpkgs has dozens, and drawn apart they are a black wedge.
 */
const LARGE = 150;

const sizeOf = (n: GraphNode): { width: number; height: number } => {
  const lines = nodeLines(n);
  const chars = Math.max(...lines.map((l) => [...l].length));
  return { width: Math.ceil(chars * CHAR_WIDTH + 2 * PADDING), height: lines.length * LINE_HEIGHT + PADDING };
};

/** Coordinates rounded to a tenth: the same layout prints the same bytes. */
const r = (v: number | undefined): number => Math.round((v ?? 0) * 10) / 10;

/**
 * Lays the graph out with ELK's layered algorithm, left to right (inputs right of what uses them).
 * ELK runs asynchronously, so this is the one awaited step between the graph and its SVG; the SVG
 * renderer itself stays a pure function of the layout. ELK is deterministic (fixed seed), and the
 * input order is the graph's, so a lock lays out the same every time.
 */
export async function layoutInputGraph(graph: InputGraph): Promise<GraphLayout> {
  const large = graph.nodes.length > LARGE;
  const input: ElkNode = {
    id: "graph",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "12",
      "elk.layered.spacing.nodeNodeBetweenLayers": "40",
      "elk.randomSeed": "1",
      ...(large
        ? {
            "elk.layered.nodePlacement.strategy": "SIMPLE",
            "elk.edgeRouting": "POLYLINE",
            "elk.layered.thoroughness": "1",
            "elk.layered.mergeEdges": "true",
          }
        : {
            "elk.edgeRouting": "ORTHOGONAL",
            "elk.layered.mergeEdges": "true",
            "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
          }),
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...sizeOf(n) })),
    edges: graph.edges.map((e, i): ElkExtendedEdge => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  };
  const out = await new Elk().layout(input);
  const placed = new Map((out.children ?? []).map((c) => [c.id, c]));
  const nodes = graph.nodes.map((node): PlacedNode => {
    const c = placed.get(node.id);
    return { node, x: r(c?.x), y: r(c?.y), width: r(c?.width), height: r(c?.height) };
  });
  const routed = new Map((out.edges ?? []).map((e) => [e.id, e]));
  const edges = graph.edges.map((edge, i): PlacedEdge => {
    const s = (routed.get(`e${i}`) as ElkExtendedEdge | undefined)?.sections?.[0];
    const points = s === undefined ? [] : [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
    return { edge, points: points.map((p) => ({ x: r(p.x), y: r(p.y) })) };
  });
  return { graph, width: r(out.width), height: r(out.height), nodes, edges };
}
