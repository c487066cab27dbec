import { pathInfoIndex, type Closure, type PathInfo, type PathInfoShape } from "../../domain/closure/closure.js";
import { err, ok, type Result } from "../../domain/result.js";
import { DEFAULT_STORE_DIR, parseStorePath, storePathProblem } from "../../domain/nix/store-path.js";
import { buildClosureGraph, PathIds, type ClosureGraph } from "../../domain/closure/graph.js";
import { describeReceived, escapePointerToken as esc, type InputIssue } from "../issues.js";
import { parseJsonDocument, withPositions } from "../json-document.js";
import { normalizeEntry } from "./path-info-entry.js";
import { getOrInsert } from "../../domain/map-utils.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export const SHAPE_LABELS: Readonly<Record<PathInfoShape, string>> = {
  list: "Nix ≤ 2.18 / Lix array",
  map: "Nix 2.19–2.32 map",
  "format-1": "Nix 2.33+ --json-format 1",
  "format-2": "Nix 2.33+ --json-format 2",
  "format-3": "Nix 2.35+ --json-format 3",
};

const NEXT =
  "pass the output of `nix path-info --json --recursive <installable>` (any Nix or Lix version), or use --closure-of";

/** Which shape a parsed `nix path-info --json` document has (nix-formats.md §2.7), or why none. */
export function detectPathInfoShape(doc: unknown): Result<PathInfoShape, string> {
  if (Array.isArray(doc)) return ok("list");
  if (!isObj(doc)) return err(`expected an array or an object, found ${describeReceived(doc)}`);
  if (typeof doc["version"] === "number" && isObj(doc["info"])) {
    if (doc["version"] === 2) return ok("format-2");
    if (doc["version"] === 3) return ok("format-3");
    return err(`path-info document version ${doc["version"]} is not one flake-audit knows (2 or 3)`);
  }
  const keys = Object.keys(doc);
  if (keys.length > 0 && keys.every((k) => !k.startsWith("/")) && "narHash" in doc) {
    return err(
      "this is a single path-info object without its store path (as in Nix's unit-test data); a closure document maps store paths to such objects",
    );
  }
  for (const k of keys)
    if (!k.startsWith("/")) return err(`expected store paths as keys, found ${describeReceived(k)}`);
  const versioned = keys.some((k) => {
    const v = doc[k];
    return isObj(v) && v["version"] === 1;
  });
  return ok(versioned ? "format-1" : "map");
}

interface RawEntry {
  readonly path: string;
  /** Array index or object key under `info` / the top level; the pointer is made only for an issue. */
  readonly at: string | number;
  readonly value: unknown;
}

const pointerOf = (shape: PathInfoShape, at: string | number): string =>
  typeof at === "number" ? `/${at}` : shape === "format-2" || shape === "format-3" ? `/info/${esc(at)}` : `/${esc(at)}`;

/**
 * The entries of a document, each with its full store path and where it sits, one at a time (a
 * closure has 100,000: no array of them is built). Invalid paths go to `invalid`.
 */
function* entriesOf(
  doc: unknown,
  shape: PathInfoShape,
  origin: string,
  issues: InputIssue[],
  invalid: string[],
): Generator<RawEntry> {
  if (shape === "list") {
    const list = Array.isArray(doc) ? doc : [];
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      const entry = isObj(e) ? e : undefined;
      const path = entry?.["path"];
      if (typeof path !== "string")
        issues.push({
          origin,
          pointer: pointerOf(shape, i),
          message: "an entry of a path-info array has no 'path'",
          expected: '{"path": "/nix/store/…", "narHash": …}',
          received: describeReceived(e),
        });
      else if (entry?.["valid"] === false) invalid.push(path);
      else yield { path, at: i, value: e };
    }
    return;
  }
  if (shape === "format-2" || shape === "format-3") {
    const top = isObj(doc) ? doc : {};
    const storeDir = typeof top["storeDir"] === "string" ? top["storeDir"] : DEFAULT_STORE_DIR;
    const inner = top["info"];
    const info = isObj(inner) ? inner : {};
    for (const base in info) {
      const v = info[base];
      if (v === null) invalid.push(`${storeDir}/${base}`);
      else yield { path: `${storeDir}/${base}`, at: base, value: v };
    }
    return;
  }
  const map = isObj(doc) ? doc : {};
  for (const path in map) {
    const v = map[path];
    if (v === null) invalid.push(path);
    else yield { path, at: path, value: v };
  }
}

/** Parses `nix path-info --json` output of any shape into one Closure, or every issue found. */
export function parsePathInfo(text: string, origin: string): Result<Closure, InputIssue[]> {
  const doc = parseJsonDocument(text, origin, "`nix path-info --json` output");
  if (!doc.ok) return doc;
  const shape = detectPathInfoShape(doc.value);
  if (!shape.ok)
    return err([
      {
        origin,
        pointer: "",
        message: `unknown path-info shape: ${shape.error}`,
        expected:
          "an array (Nix ≤ 2.18, Lix), a map keyed by store path (2.19–2.32), or {version, storeDir, info} (2.33+)",
        next: NEXT,
      },
    ]);
  const label = SHAPE_LABELS[shape.value];
  const issues: InputIssue[] = [];
  const invalid: string[] = [];
  const top = isObj(doc.value) ? doc.value : {};
  let storeDir =
    (shape.value === "format-2" || shape.value === "format-3") && typeof top["storeDir"] === "string"
      ? top["storeDir"]
      : undefined;
  const list: PathInfo[] = [];
  const atOf: Array<string | number> = [];
  let ids: PathIds | undefined;
  // One context for every entry: its pointer is made from the entry being read, only for an issue.
  let current: RawEntry = { path: "", at: 0, value: undefined };
  const pointer = (): string => pointerOf(shape.value, current.at);
  const ctx = {
    origin,
    pointer,
    shapeLabel: label,
    baseNames: shape.value === "format-2" || shape.value === "format-3",
    storeDir: storeDir ?? DEFAULT_STORE_DIR,
  };
  for (const e of entriesOf(doc.value, shape.value, origin, issues, invalid)) {
    current = e;
    if (storeDir === undefined) {
      const sp = parseStorePath(e.path);
      if (sp.ok) ctx.storeDir = storeDir = sp.value.storeDir;
    }
    const bad = storePathProblem(e.path, storeDir);
    if (bad !== undefined) {
      issues.push({
        origin,
        pointer: pointer(),
        message: `not a valid store path: ${bad} (in ${label} path-info)`,
        received: describeReceived(e.path),
        example: "/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source",
      });
      continue;
    }
    if (!isObj(e.value)) {
      issues.push({
        origin,
        pointer: pointer(),
        message: `expected an object describing ${e.path} (in ${label} path-info)`,
        received: describeReceived(e.value),
      });
      continue;
    }
    ids ??= new PathIds(storeDir ?? DEFAULT_STORE_DIR);
    if (ids.get(e.path) !== undefined) {
      issues.push({
        origin,
        pointer: pointer(),
        message: `${e.path} is described twice (in ${label} path-info)`,
        next: "pass one path-info document, not several concatenated",
      });
      continue;
    }
    const info = normalizeEntry(e.path, e.value, ctx, issues);
    if (info !== undefined) {
      ids.intern(e.path);
      list.push(info);
      atOf.push(e.at);
    }
    if (issues.length > 200) break;
  }
  const dir = storeDir ?? DEFAULT_STORE_DIR;
  ids ??= new PathIds(dir);
  const graph = buildClosureGraph(ids, list.length, (i) => list[i]!.references);
  const pointerFor = (path: string): string => pointerOf(shape.value, atOf[ids.get(path)!]!);
  const dangling = danglingReferences(graph);
  for (const [path, refs] of dangling) {
    for (const r of refs) {
      const sp = parseStorePath(r);
      if (!sp.ok)
        issues.push({
          origin,
          pointer: `${pointerFor(path)}/references`,
          message: `reference ${describeReceived(r)} is not a valid store path: ${sp.error} (in ${label} path-info)`,
        });
    }
  }
  for (const info of list) {
    if (info.deriver !== undefined && !parseStorePath(info.deriver).ok)
      issues.push({
        origin,
        pointer: `${pointerFor(info.path)}/deriver`,
        message: `deriver is not a valid store path (in ${label} path-info)`,
        received: describeReceived(info.deriver),
      });
  }
  if (issues.length > 0)
    return err(
      withPositions(
        text,
        issues.map((i) => (i.next === undefined ? { ...i, next: NEXT } : i)),
      ),
    );
  return ok({
    storeDir: dir,
    shape: shape.value,
    infos: pathInfoIndex(ids, list),
    list,
    graph,
    ids,
    invalid: invalid.sort(),
    danglingReferences: dangling,
  });
}

/** Referenced ids beyond the described ones are paths the data does not describe. */
function danglingReferences(g: ClosureGraph): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  if (g.paths.length === g.described) return out;
  for (let i = 0; i < g.described; i++) {
    for (let k = g.refStart[i]!; k < g.refStart[i + 1]!; k++) {
      if (g.refIds[k]! < g.described) continue;
      const path = g.paths[i]!;
      const list = getOrInsert(out, path, () => []);
      list.push(g.paths[g.refIds[k]!]!);
    }
  }
  return out;
}
