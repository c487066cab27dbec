import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_NODES } from "../../../src/domain/graph/collapse.js";
import type { GraphNode } from "../../../src/domain/graph/model.js";
import { generatedLock, graphOf, syntheticLock } from "../../support/graph-locks.js";

type InputNode = Extract<GraphNode, { kind: "input" }>;
const inputs = (nodes: readonly GraphNode[]): InputNode[] => nodes.filter((n): n is InputNode => n.kind === "input");
const byLabel = (nodes: readonly GraphNode[], label: string): InputNode => {
  const n = inputs(nodes).find((x) => x.label === label);
  if (n === undefined) throw new Error(`no node ${label}`);
  return n;
};

describe("the input graph of a lock", () => {
  const g = graphOf(syntheticLock());

  it("has one node per distinct source and the root, follows resolved to the followed source", () => {
    expect(g.nodes[0]).toEqual({ kind: "root", id: "n0", label: "(root)" });
    expect(inputs(g.nodes).map((n) => n.label)).toEqual([
      "home-manager",
      "mutable",
      "nixpkgs",
      "tool",
      "tool/flake-utils",
      "tool/nixpkgs",
      "tool/flake-utils/systems",
    ]);
    const hm = byLabel(g.nodes, "home-manager");
    const nixpkgs = byLabel(g.nodes, "nixpkgs");
    expect(g.edges).toContainEqual({ from: hm.id, to: nixpkgs.id, kind: "follows", names: ["nixpkgs"] });
    expect(g.edges).toContainEqual({ from: "n0", to: nixpkgs.id, kind: "input", names: ["nixpkgs"] });
    expect(g.edges.filter((e) => e.kind === "follows")).toHaveLength(1);
  });

  it("marks what check finds: duplicate (nixpkgs at two revisions), stale, unlocked, shared", () => {
    expect(byLabel(g.nodes, "nixpkgs").marks).toEqual(["duplicate", "shared"]);
    expect(byLabel(g.nodes, "tool/nixpkgs").marks).toEqual(["duplicate"]);
    expect(byLabel(g.nodes, "tool/flake-utils")).toMatchObject({ marks: ["stale"], ageDays: 400 });
    expect(byLabel(g.nodes, "mutable").marks).toContain("unlocked");
    expect(byLabel(g.nodes, "home-manager").marks).toEqual([]);
    expect(byLabel(g.nodes, "nixpkgs").paths).toBe(2);
  });

  it("draws a small lock whole, and collapses below --depth into +K nodes that count what they hide", () => {
    expect(g.collapsedBeyond).toBeUndefined();
    const d1 = graphOf(syntheticLock(), { kind: "depth", depth: 1 });
    expect(d1.collapsedBeyond).toBe(1);
    expect(inputs(d1.nodes).map((n) => n.label)).toEqual(["home-manager", "mutable", "nixpkgs", "tool"]);
    const collapsed = d1.nodes.filter((n) => n.kind === "collapsed");
    // tool/nixpkgs, tool/flake-utils and tool/flake-utils/systems: under `tool`.
    expect(collapsed).toEqual([{ kind: "collapsed", id: "n5", hidden: 3 }]);
    expect(d1.edges).toContainEqual({ from: byLabel(d1.nodes, "tool").id, to: "n5", kind: "input", names: [] });
  });

  it("collapses a 500-source lock by default to what fits, and --all draws every source", () => {
    const text = generatedLock(500);
    const auto = graphOf(text);
    const sources = Object.keys(JSON.parse(text).nodes).length - 1;
    expect(auto.totalInputs).toBe(sources);
    expect(sources).toBeGreaterThanOrEqual(500);
    expect(inputs(auto.nodes).length).toBeLessThanOrEqual(DEFAULT_MAX_NODES);
    const hidden = auto.nodes.reduce((s, n) => s + (n.kind === "collapsed" ? n.hidden : 0), 0);
    expect(inputs(auto.nodes).length + hidden).toBe(sources);
    const all = graphOf(text, { kind: "all" });
    expect(inputs(all.nodes)).toHaveLength(sources);
    expect(all.nodes.some((n) => n.kind === "collapsed")).toBe(false);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(graphOf(generatedLock(300)))).toBe(JSON.stringify(graphOf(generatedLock(300))));
  });
});
