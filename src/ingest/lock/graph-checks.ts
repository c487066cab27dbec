import { formatInputPath, INPUT_PATH_SEPARATOR, type InputPath } from "../../domain/lock/input-path.js";
import type { FollowsError, LockGraph, NodeKey } from "../../domain/lock/graph.js";
import {
  MAX_INPUT_PATH_DEPTH,
  traverseLock,
  type ListedInput,
  type LockTraversal,
} from "../../domain/lock/traversal.js";
import type { FollowsResolver } from "../../domain/lock/follows.js";
import { assertNever } from "../../domain/result.js";
import { describeReceived, escapePointerToken as esc, type InputIssue } from "../issues.js";

const NEXT = "run `nix flake lock` again to rewrite the lock; hand edits and bad merges are the usual cause";
/** Past this many, further issues would only repeat the same mistake; a hostile lock could have millions. */
const MAX_ISSUES = 200;
const DEPTH_RULE = `flake-audit reads input paths of at most ${MAX_INPUT_PATH_DEPTH} names (real locks are under 10 deep)`;
const show = (p: InputPath): string => (p.length === 0 ? "[] (the root flake)" : describeReceived(p));
/** A long path or chain, shortened in the middle: error text stays small on hostile locks. */
function abbreviate<T>(items: readonly T[], sep: string, show: (item: T) => string): string {
  if (items.length <= 8) return items.map(show).join(sep);
  return [...items.slice(0, 4).map(show), `… (${items.length - 7} more)`, ...items.slice(-3).map(show)].join(sep);
}
const printPath = (p: InputPath): string =>
  p.length === 0 ? formatInputPath(p) : abbreviate(p, INPUT_PATH_SEPARATOR, (name) => name);

function followsMessage(e: FollowsError, path: InputPath): string {
  switch (e.kind) {
    case "missing-input":
      return `follows ${show(path)} names input '${e.name}', which ${e.at.length === 0 ? "the root flake" : `'${printPath(e.at)}'`} does not have`;
    case "missing-node":
      return `follows ${show(path)} passes through node '${e.key}', which is not in nodes`;
    case "cycle":
      return `follows cycle: ${abbreviate(e.chain, " -> ", printPath)}`;
    default:
      return assertNever(e);
  }
}

/** A follows or parent path: too long to read, or not resolving; undefined when it is fine. */
function pathIssue(
  path: InputPath,
  resolver: FollowsResolver,
  origin: string,
  pointer: string,
): InputIssue | undefined {
  if (path.length > MAX_INPUT_PATH_DEPTH)
    return {
      origin,
      pointer,
      message: `follows path of ${path.length} names: ${DEPTH_RULE}`,
      received: describeReceived(path),
      next: NEXT,
    };
  const r = resolver.resolve(path);
  if (r.ok) return undefined;
  return {
    origin,
    pointer,
    message: followsMessage(r.error, path),
    expected: "a follows path that names existing inputs from the root",
    received: describeReceived(path),
    next: NEXT,
  };
}

function edgeIssue(input: ListedInput, resolver: FollowsResolver, origin: string): InputIssue | undefined {
  const { name, ref, problem } = input;
  if (ref.kind === "node" && problem === undefined) return undefined; // the usual edge: nothing to say
  const pointer = `/nodes/${esc(input.parent)}/inputs/${esc(name)}`;
  if (ref.kind === "follows") return pathIssue(ref.path, resolver, origin, pointer);
  if (problem?.kind === "root-key")
    return {
      origin,
      pointer,
      message: `input '${name}' points at the root node by key, which makes a cycle`,
      expected: "[] to refer to the root flake",
      received: describeReceived(ref.key),
      next: NEXT,
    };
  if (problem?.kind === "dangling")
    return {
      origin,
      pointer,
      message: `input '${name}' references node '${ref.key}', which is not in nodes (a dangling node key)`,
      expected: "the key of a node in nodes",
      received: describeReceived(ref.key),
      next: NEXT,
    };
  return undefined;
}

function nodeIssues(graph: LockGraph, key: NodeKey, resolver: FollowsResolver, origin: string): InputIssue[] {
  const node = graph.nodes.get(key);
  if (node === undefined || key === graph.root) return [];
  if (node.locked !== undefined && node.original !== undefined) return []; // the usual node
  const issues: InputIssue[] = [];
  for (const field of ["locked", "original"] as const) {
    if (node[field] === undefined)
      issues.push({
        origin,
        pointer: `/nodes/${esc(key)}`,
        message: `node '${key}' has no '${field}' attribute set`,
        expected: `a '${field}' object describing the input`,
        next: NEXT,
      });
  }
  return issues;
}

function parentIssue(graph: LockGraph, key: NodeKey, resolver: FollowsResolver, origin: string): InputIssue[] {
  const parent = graph.nodes.get(key)?.parent;
  const issue = parent && pathIssue(parent, resolver, origin, `/nodes/${esc(key)}/parent`);
  return issue ? [{ ...issue, message: `parent ${issue.message}` }] : [];
}

/**
 * Checks what Nix checks when it loads a lock, over the nodes reachable from the root (one walk,
 * traversal.ts): the root exists, string edges name existing nodes and never the root, follows and
 * parent paths resolve without cycles, and non-root nodes carry `locked` and `original`. Also that
 * no input path is longer than MAX_INPUT_PATH_DEPTH.
 */
export function checkGraph(graph: LockGraph, origin: string, walk: LockTraversal = traverseLock(graph)): InputIssue[] {
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
  const issues: InputIssue[] = [];
  // The walk lists each node's inputs together, in the order it walks the nodes.
  let next = 0;
  for (const key of walk.walked.keys()) {
    issues.push(...nodeIssues(graph, key, walk.resolver, origin));
    for (let input = walk.inputs[next]; input?.parent === key; input = walk.inputs[++next]) {
      const issue = issues.length < MAX_ISSUES ? edgeIssue(input, walk.resolver, origin) : undefined;
      if (issue !== undefined) issues.push(issue);
    }
    issues.push(...parentIssue(graph, key, walk.resolver, origin));
    if (issues.length >= MAX_ISSUES) return issues.slice(0, MAX_ISSUES);
  }
  if (walk.tooDeep !== undefined)
    issues.push({
      origin,
      pointer: `/nodes/${esc(walk.tooDeep.node)}/inputs`,
      message: `the inputs of '${printPath(walk.tooDeep.path)}' would be ${MAX_INPUT_PATH_DEPTH + 1} names deep: ${DEPTH_RULE}`,
      next: "if this lock is real, please report it; otherwise run `nix flake lock` again to rewrite it",
    });
  return issues;
}
