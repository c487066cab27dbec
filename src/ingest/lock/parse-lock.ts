import type { InputPath } from "../../domain/lock/input-path.js";
import { nodeKey, type InputNode, type InputRef, type LockGraph, type NodeKey } from "../../domain/lock/graph.js";
import { err, ok, type Result } from "../../domain/result.js";
import type { FlakeLockFile, LockNodeJson } from "./flake-lock.schema.js";
import { describeReceived, escapePointerToken as esc, type InputIssue } from "../issues.js";
import { parseJsonDocument, withPositions } from "../json-document.js";
import { positionAt } from "../json-locate.js";
import { toSourceRef, UNEXPLAINED, type LockExplainer } from "./source-attrs.js";
import { checkGraph } from "./graph-checks.js";
import { isWellFormedLock } from "./flake-lock.fast.js";
import { traverseLock, type LockTraversal } from "../../domain/lock/traversal.js";

/** What to do about a lock that is not as Nix writes it. */
export const REGENERATE = "run `nix flake lock` again; hand-edited locks are the usual cause";

/**
 * Nix writes at most 5 levels (the document, `nodes`, a node, its `inputs`, a follows array); 100
 * leaves room for unknown fields and refuses hostile nesting before anything walks the value.
 */
export const MAX_LOCK_JSON_DEPTH = 100;
const LOCK_DEPTH = {
  max: MAX_LOCK_JSON_DEPTH,
  why: `a flake.lock nests at most 5 deep (flake-audit reads up to ${MAX_LOCK_JSON_DEPTH})`,
};

export type ParsedLock = Result<{ graph: LockGraph; walk: LockTraversal }, InputIssue[]>;

/**
 * Parses flake.lock text of version 5, 6 or 7 into a total LockGraph, with the walk its checks made
 * (for callers that build an inventory next), or every issue found.
 *
 * Hand-written predicates (flake-lock.fast.ts) accept a well-formed lock, the usual case, and zod
 * runs only to explain what they reject. That explaining is `explain`'s (flake-lock.ts supplies zod's);
 * without it a rejection returns UNEXPLAINED, so a caller that can wait loads zod only then
 * (app/read-lock.ts: zod is a large part of the CLI's start-up).
 */
export function parseLock(text: string, origin: string, explain: LockExplainer): ParsedLock;
export function parseLock(text: string, origin: string, explain?: LockExplainer): ParsedLock | typeof UNEXPLAINED;
export function parseLock(text: string, origin: string, explain?: LockExplainer): ParsedLock | typeof UNEXPLAINED {
  const doc = parseJsonDocument(text, origin, "a flake.lock JSON object", LOCK_DEPTH);
  if (!doc.ok) return doc;
  const issues = checkTopLevel(doc.value, origin);
  if (issues.length > 0) {
    // An issue with the whole document is located where the document starts.
    const start = positionAt(text, Math.max(0, text.search(/[^\s\uFEFF]/)));
    return err(
      withPositions(
        text,
        issues.map((i) => (i.pointer === "" ? { ...i, position: start } : i)),
      ),
    );
  }
  let file: FlakeLockFile;
  if (isWellFormedLock(doc.value)) file = doc.value;
  else {
    if (explain === undefined) return UNEXPLAINED;
    const parsed = explain.document(doc.value, origin);
    if (!parsed.ok)
      return err(
        withPositions(
          text,
          parsed.error.map((i) => ({ ...i, next: REGENERATE })),
        ),
      );
    file = parsed.value;
  }
  const built = buildGraph(file, origin, explain);
  if (built === UNEXPLAINED) return UNEXPLAINED;
  if (built.issues.length > 0)
    return err(
      withPositions(
        text,
        built.issues.map((i) => (i.next === undefined ? { ...i, next: REGENERATE } : i)),
      ),
    );
  const walk = traverseLock(built.graph);
  const graphIssues = checkGraph(built.graph, origin, walk);
  if (graphIssues.length > 0) return err(withPositions(text, graphIssues));
  return ok({ graph: built.graph, walk });
}

function checkTopLevel(value: unknown, origin: string): InputIssue[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [
      {
        origin,
        pointer: "",
        message: "a flake.lock must be a JSON object with nodes, root and version",
        expected: '{"nodes": {…}, "root": "root", "version": 7}',
        received: describeReceived(value),
      },
    ];
  }
  // checkTopLevel has just established that value is a non-null, non-array object; TS cannot carry that.
  const doc = value as Record<string, unknown>;
  // Lock versions 1-4 had neither nodes nor root, but a numeric version: those get the version's message.
  if (!Object.hasOwn(doc, "nodes") && !Object.hasOwn(doc, "root") && typeof doc["version"] !== "number")
    return [notALock(doc, origin)];
  const raw = doc["version"];
  const version = raw ?? 0;
  if (version === 5 || version === 6 || version === 7) return [];
  const legacy = typeof version === "number" && version >= 1 && version <= 4;
  return [
    {
      origin,
      pointer: "/version",
      message:
        raw === undefined
          ? "the lock has no 'version' field (Nix reads that as the unsupported version 0)"
          : `unsupported lock version ${describeReceived(version)}`,
      expected: "version 5, 6 or 7 (the versions every released Nix reads)",
      received: describeReceived(raw),
      next: legacy
        ? "lock versions 1-4 predate the first Nix release with flakes (2.4); run `nix flake lock` with a current Nix to rewrite it"
        : typeof version === "number" && version > 7
          ? "this lock was written by a newer Nix than flake-audit knows; please report it"
          : REGENERATE,
    },
  ];
}

/** A JSON document with neither `nodes`, `root` nor a lock version is some other file (a package.json). */
function notALock(doc: Record<string, unknown>, origin: string): InputIssue {
  const keys = Object.keys(doc);
  const shown = keys.slice(0, 5).map((k) => JSON.stringify(k));
  return {
    origin,
    pointer: "",
    message: "not a flake.lock: a JSON document without 'nodes', 'root' or a numeric 'version'",
    expected: '{"nodes": {…}, "root": "root", "version": 7}',
    received:
      keys.length === 0
        ? "an empty object"
        : `an object with ${shown.join(", ")}${keys.length > shown.length ? ` and ${keys.length - shown.length} more` : ""}`,
    next: "give the flake.lock beside flake.nix (`nix flake lock` writes it)",
  };
}

function buildGraph(
  file: FlakeLockFile,
  origin: string,
  explain: LockExplainer | undefined,
): { graph: LockGraph; issues: InputIssue[] } | typeof UNEXPLAINED {
  const issues: InputIssue[] = [];
  const nodes = new Map<NodeKey, InputNode>();
  for (const key in file.nodes) {
    const json = file.nodes[key];
    if (json === undefined) continue;
    const node = buildNode(key, json, key === file.root, origin, issues, explain);
    if (node === UNEXPLAINED) return UNEXPLAINED;
    nodes.set(nodeKey(key), node);
  }
  const graph: LockGraph = { lockVersion: file.version, root: nodeKey(file.root), nodes };
  return { graph, issues };
}

/** Most nodes have no inputs (in a large lock, three in four): they share one empty map. */
const NO_INPUTS: ReadonlyMap<string, InputRef> = new Map();

function buildNode(
  key: string,
  json: LockNodeJson,
  isRoot: boolean,
  origin: string,
  issues: InputIssue[],
  explain: LockExplainer | undefined,
): InputNode | typeof UNEXPLAINED {
  let inputs: ReadonlyMap<string, InputRef> = NO_INPUTS;
  if (json.inputs !== undefined) {
    const own = new Map<string, InputRef>();
    for (const name in json.inputs) {
      const edge = json.inputs[name];
      if (edge !== undefined)
        own.set(
          name,
          typeof edge === "string" ? { kind: "node", key: nodeKey(edge) } : { kind: "follows", path: edge },
        );
    }
    if (own.size > 0) inputs = own;
  }
  const node: { -readonly [K in keyof InputNode]: InputNode[K] } = {
    key: nodeKey(key),
    isFlake: json.flake !== false,
    inputs,
  };
  if (isRoot) return node; // Nix ignores locked/original on the root node.
  // Version 5 kept narHash/lastModified/revCount in `info`; Nix merges it over `locked` (info wins).
  const lockedAttrs =
    json.locked !== undefined && json.info !== undefined ? { ...json.locked, ...json.info } : json.locked;
  if (lockedAttrs !== undefined) {
    const r = toSourceRef(lockedAttrs, origin, () => `/nodes/${esc(key)}/locked`, explain);
    if (r === UNEXPLAINED) return UNEXPLAINED;
    issues.push(...r.issues);
    if (r.ref !== undefined) node.locked = r.ref;
  }
  if (json.original !== undefined) {
    const r = toSourceRef(json.original, origin, () => `/nodes/${esc(key)}/original`, explain);
    if (r === UNEXPLAINED) return UNEXPLAINED;
    issues.push(...r.issues);
    if (r.ref !== undefined) node.original = r.ref;
  }
  // The schema makes parent a string array; InputPath is that array, named.
  if (json.parent !== undefined) node.parent = json.parent as InputPath;
  if (json.buildTime === true) node.buildTime = true;
  return node;
}
