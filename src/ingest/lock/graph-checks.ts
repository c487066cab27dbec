import { formatInputPath, type InputPath } from "../../domain/lock/input-path.js";
import { resolveInputPath, type FollowsError, type LockGraph, type NodeKey } from "../../domain/lock/graph.js";
import { assertNever } from "../../domain/result.js";
import { describeReceived, escapePointerToken as esc, type InputIssue } from "../issues.js";

const NEXT = "run `nix flake lock` again to rewrite the lock; hand edits and bad merges are the usual cause";
const show = (p: InputPath): string => (p.length === 0 ? "[] (the root flake)" : JSON.stringify(p));

function followsMessage(e: FollowsError, path: InputPath): string {
  switch (e.kind) {
    case "missing-input":
      return `follows ${show(path)} names input '${e.name}', which ${e.at.length === 0 ? "the root flake" : `'${formatInputPath(e.at)}'`} does not have`;
    case "missing-node":
      return `follows ${show(path)} passes through node '${e.key}', which is not in nodes`;
    case "cycle":
      return `follows cycle: ${e.chain.map((p) => formatInputPath(p)).join(" -> ")}`;
    default:
      return assertNever(e);
  }
}

/**
 * Checks what Nix checks when it loads a lock, over the nodes reachable from the root: the root
 * exists, string edges name existing nodes and never the root, follows and parent paths resolve
 * without cycles, and non-root nodes carry `locked` and `original`.
 */
export function checkGraph(graph: LockGraph, origin: string): InputIssue[] {
  const issues: InputIssue[] = [];
  if (!graph.nodes.has(graph.root)) {
    return [
      {
        origin,
        pointer: "/root",
        message: `root names node '${graph.root}', which is not in nodes`,
        received: describeReceived(graph.root),
        next: NEXT,
      },
    ];
  }
  const seen = new Set<NodeKey>([graph.root]);
  const queue: NodeKey[] = [graph.root];
  for (let head = 0; head < queue.length; ) {
    const key = queue[head++]!;
    const node = graph.nodes.get(key)!;
    const base = `/nodes/${esc(key)}`;
    if (key !== graph.root) {
      for (const field of ["locked", "original"] as const) {
        if (node[field] === undefined)
          issues.push({
            origin,
            pointer: base,
            message: `node '${key}' has no '${field}' attribute set`,
            expected: `a '${field}' object describing the input`,
            next: NEXT,
          });
      }
    }
    for (const [name, ref] of node.inputs) {
      const pointer = `${base}/inputs/${esc(name)}`;
      if (ref.kind === "node") {
        if (ref.key === graph.root) {
          issues.push({
            origin,
            pointer,
            message: `input '${name}' points at the root node by key, which makes a cycle`,
            expected: "[] to refer to the root flake",
            received: describeReceived(ref.key),
            next: NEXT,
          });
        } else if (!graph.nodes.has(ref.key)) {
          issues.push({
            origin,
            pointer,
            message: `input '${name}' references node '${ref.key}', which is not in nodes (a dangling node key)`,
            expected: "the key of a node in nodes",
            received: describeReceived(ref.key),
            next: NEXT,
          });
        } else if (!seen.has(ref.key)) {
          seen.add(ref.key);
          queue.push(ref.key);
        }
        continue;
      }
      const r = resolveInputPath(graph.nodes, graph.root, ref.path);
      if (!r.ok)
        issues.push({
          origin,
          pointer,
          message: followsMessage(r.error, ref.path),
          expected: "a follows path that names existing inputs from the root",
          received: describeReceived(ref.path),
          next: NEXT,
        });
    }
    if (node.parent !== undefined) {
      const r = resolveInputPath(graph.nodes, graph.root, node.parent);
      if (!r.ok)
        issues.push({
          origin,
          pointer: `${base}/parent`,
          message: `parent ${followsMessage(r.error, node.parent)}`,
          received: describeReceived(node.parent),
          next: NEXT,
        });
    }
    if (issues.length > 200) break;
  }
  return issues;
}
