import type { Finding } from "../findings.js";
import type { LockGraph, NodeKey } from "../lock/graph.js";
import { compareInputPaths, compareStrings, formatInputPath, ROOT_LABEL } from "../lock/input-path.js";
import type { LockedInput, LockInventory } from "../lock/inventory.js";
import { nameSource } from "../lock/source-name.js";
import type { SourceRef } from "../lock/source-ref.js";
import type { LockTraversal } from "../lock/traversal.js";
import { getOrInsert } from "../map-utils.js";
import { collapseDepth, ownersOfHidden, type GraphDepth } from "./collapse.js";
import { marksOf, type NodeMarks } from "./marks.js";
import type { EdgeKind, GraphEdge, GraphNode, InputGraph } from "./model.js";

export interface InputGraphRequest {
  /** The lock's name for titles (`flake.lock`). */
  readonly source: string;
  readonly graph: LockGraph;
  /** The walk ingest made (readLock), which the inventory was built from too. */
  readonly walk: LockTraversal;
  readonly inventory: LockInventory;
  /** What `check` finds in the lock (evaluatePolicy): the marks come from them. */
  readonly findings: readonly Finding[];
  readonly depth: GraphDepth;
}

/** `github:NixOS/nixpkgs @ 5e2a59a`: type, where, and a short version. */
export function shortSource(s: SourceRef): string {
  const id = nameSource(s);
  const where = id.group !== undefined ? `${id.group}/${id.name}` : id.name;
  const version = s.rev !== undefined ? s.rev.slice(0, 7) : id.version?.slice(0, 10);
  return `${s.type}:${where}${version !== undefined ? ` @ ${version}` : ""}`;
}

const ROOT_ID = "n0";
/** The root flake's group: an object of its own, so no input name (`(root)` is one a lock may use) can be it. */
const ROOT: unique symbol = Symbol("root");
type Group = LockedInput | typeof ROOT;

/**
 * The input graph of a lock: sources as nodes (follows resolved: an input that follows another path
 * points at that path's source, drawn as a `follows` edge), the root flake first, then sources by
 * primary input path. Each walked edge of the lock is one edge here, so the graph is linear in the lock.
 * Beyond the collapse depth, sources are summarised per shown source as `+K inputs` (collapse.ts).
 */
export function buildInputGraph(req: InputGraphRequest): InputGraph {
  const { graph, walk, inventory } = req;
  const inputs = [...inventory.inputs].sort((a, b) => compareInputPaths(a.primaryPath, b.primaryPath));
  const groupOfNode = new Map<NodeKey, Group>([[graph.root, ROOT]]);
  const idGroupOfNode = new Map<NodeKey, string>();
  for (const i of inputs)
    for (const k of i.nodeKeys) {
      groupOfNode.set(k, i);
      idGroupOfNode.set(k, i.id);
    }
  const depth = collapseDepth(inputs, req.depth);
  const shown = depth === undefined ? inputs : inputs.filter((i) => i.primaryPath.length <= depth);
  const hidden = depth === undefined ? [] : inputs.filter((i) => i.primaryPath.length > depth);
  const owner =
    depth === undefined ? new Map<string, string>() : ownersOfHidden(hidden, walk.walked, idGroupOfNode, depth);

  const idOf = new Map<Group, string>([[ROOT, ROOT_ID]]);
  const nodes: GraphNode[] = [{ kind: "root", id: ROOT_ID, label: ROOT_LABEL }];
  const marks = marksOf(inventory.inputs, req.findings);
  for (const i of shown) {
    const id = `n${nodes.length}`;
    idOf.set(i, id);
    nodes.push(inputNode(i, id, marks.get(i.id)));
  }
  const hiddenCount = new Map<string, number>();
  for (const o of owner.values()) hiddenCount.set(o, (hiddenCount.get(o) ?? 0) + 1);
  // A summary per shown source with hidden sources under it, in the order of the shown sources.
  const summaryOf = new Map<string, string>();
  for (const i of shown) {
    const k = hiddenCount.get(i.id);
    if (k === undefined) continue;
    const id = `n${nodes.length}`;
    summaryOf.set(i.id, id);
    nodes.push({ kind: "collapsed", id, hidden: k });
  }
  // Where an edge end is drawn: its source's node, or the summary its hidden source is counted in.
  const endOf = (group: Group): string | undefined => {
    const own = idOf.get(group);
    if (own !== undefined || group === ROOT) return own;
    const o = owner.get(group.id);
    return o !== undefined ? summaryOf.get(o) : undefined;
  };
  const edges = new Map<string, { from: string; to: string; kind: EdgeKind; names: Set<string> }>();
  for (const l of walk.inputs) {
    if (l.target === undefined) continue;
    const fromGroup = groupOfNode.get(l.parent);
    const toGroup = groupOfNode.get(l.target);
    if (fromGroup === undefined || toGroup === undefined) continue;
    const from = endOf(fromGroup);
    const to = endOf(toGroup);
    // Inside one summary, or a source's own input (identical locks), there is nothing to draw.
    if (from === undefined || to === undefined || from === to) continue;
    const kind: EdgeKind = l.ref.kind === "follows" ? "follows" : "input";
    const e = getOrInsert(edges, `${from} ${to} ${kind}`, () => ({ from, to, kind, names: new Set<string>() }));
    // A summary stands for many inputs: its edges carry no names.
    if (idOf.has(fromGroup) && idOf.has(toGroup)) e.names.add(l.name);
  }
  return {
    source: req.source,
    nodes,
    edges: [...edges.values()].map(
      (e): GraphEdge => ({ from: e.from, to: e.to, kind: e.kind, names: [...e.names].sort(compareStrings) }),
    ),
    totalInputs: inputs.length,
    ...(depth !== undefined ? { collapsedBeyond: depth } : {}),
  };
}

function inputNode(i: LockedInput, id: string, m: NodeMarks | undefined): GraphNode {
  return {
    kind: "input",
    id,
    label: formatInputPath(i.primaryPath),
    path: i.primaryPath,
    source: shortSource(i.locked),
    paths: i.paths.length,
    marks: m?.marks ?? [],
    ...(m?.ageDays !== undefined ? { ageDays: m.ageDays } : {}),
  };
}
