import { pathInfoIndex, type Closure, type PathInfo, type PathInfoShape } from "../../domain/closure/closure.js";
import { err, ok, type Result } from "../../domain/result.js";
import { DEFAULT_STORE_DIR, parseStorePath, storePathProblem } from "../../domain/nix/store-path.js";
import { buildClosureGraph, PathIds, type ClosureGraph } from "../../domain/closure/graph.js";
import { describeReceived, type InputIssue } from "../issues.js";
import { parseJsonDocument, withPositions } from "../json-document.js";
import { entriesOf, pointerOf, type RawEntry } from "./path-info-entries.js";
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

/** The parsed document and its shape, or the issue saying which shapes are known. */
function readDocument(text: string, origin: string): Result<{ doc: unknown; shape: PathInfoShape }, InputIssue[]> {
  const doc = parseJsonDocument(text, origin, "`nix path-info --json` output");
  if (!doc.ok) return doc;
  const shape = detectPathInfoShape(doc.value);
  if (shape.ok) return ok({ doc: doc.value, shape: shape.value });
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
}

/** The described entries, in document order, with where each sat; their issues are collected. */
interface Entries {
  readonly list: PathInfo[];
  readonly atOf: Array<string | number>;
  readonly ids: PathIds;
  readonly storeDir: string;
  readonly invalid: string[];
}

const isVersioned = (shape: PathInfoShape): boolean => shape === "format-2" || shape === "format-3";

/** Reads every entry: a valid store path of the document's store dir, described once, by an object. */
function readEntries(doc: unknown, shape: PathInfoShape, origin: string, issues: InputIssue[]): Entries {
  const label = SHAPE_LABELS[shape];
  const invalid: string[] = [];
  const top = isObj(doc) ? doc : {};
  let storeDir = isVersioned(shape) && typeof top["storeDir"] === "string" ? top["storeDir"] : undefined;
  const list: PathInfo[] = [];
  const atOf: Array<string | number> = [];
  let ids: PathIds | undefined;
  // One context for every entry: its pointer is made from the entry being read, only for an issue.
  let current: RawEntry = { path: "", at: 0, value: undefined };
  const pointer = (): string => pointerOf(shape, current.at);
  const ctx = {
    origin,
    pointer,
    shapeLabel: label,
    baseNames: isVersioned(shape),
    storeDir: storeDir ?? DEFAULT_STORE_DIR,
  };
  const refuse = (message: string, extra: Partial<InputIssue> = {}): void => {
    issues.push({ origin, pointer: pointer(), message: `${message} (in ${label} path-info)`, ...extra });
  };
  for (const e of entriesOf(doc, shape, origin, issues, invalid)) {
    current = e;
    if (storeDir === undefined) {
      const sp = parseStorePath(e.path);
      if (sp.ok) ctx.storeDir = storeDir = sp.value.storeDir;
    }
    const bad = storePathProblem(e.path, storeDir);
    // Made at the first entry, once the store directory is known.
    ids ??= new PathIds(storeDir ?? DEFAULT_STORE_DIR);
    if (bad !== undefined)
      refuse(`not a valid store path: ${bad}`, {
        received: describeReceived(e.path),
        example: "/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source",
      });
    else if (!isObj(e.value))
      refuse(`expected an object describing ${e.path}`, { received: describeReceived(e.value) });
    else if (ids.get(e.path) !== undefined)
      refuse(`${e.path} is described twice`, { next: "pass one path-info document, not several concatenated" });
    else {
      const info = normalizeEntry(e.path, e.value, ctx, issues);
      if (info !== undefined) {
        ids.intern(e.path);
        list.push(info);
        atOf.push(e.at);
      }
    }
    if (issues.length > 200) break;
  }
  const dir = storeDir ?? DEFAULT_STORE_DIR;
  return { list, atOf, ids: ids ?? new PathIds(dir), storeDir: dir, invalid };
}

/** References and derivers that are not store paths of the document's store dir. */
function checkLinks(
  entries: Entries,
  dangling: ReadonlyMap<string, readonly string[]>,
  where: { origin: string; shape: PathInfoShape },
  issues: InputIssue[],
): void {
  const label = SHAPE_LABELS[where.shape];
  const pointerFor = (path: string): string => pointerOf(where.shape, entries.atOf[entries.ids.get(path)!]!);
  for (const [path, refs] of dangling) {
    for (const r of refs) {
      const sp = parseStorePath(r, entries.storeDir);
      if (!sp.ok)
        issues.push({
          origin: where.origin,
          pointer: `${pointerFor(path)}/references`,
          message: `reference ${describeReceived(r)} is not a valid store path: ${sp.error} (in ${label} path-info)`,
        });
    }
  }
  for (const info of entries.list) {
    if (info.deriver !== undefined && !parseStorePath(info.deriver, entries.storeDir).ok)
      issues.push({
        origin: where.origin,
        pointer: `${pointerFor(info.path)}/deriver`,
        message: `deriver is not a valid store path of ${entries.storeDir} (in ${label} path-info)`,
        received: describeReceived(info.deriver),
      });
  }
}

/** Parses `nix path-info --json` output of any shape into one Closure, or every issue found. */
export function parsePathInfo(text: string, origin: string): Result<Closure, InputIssue[]> {
  const read = readDocument(text, origin);
  if (!read.ok) return read;
  const { doc, shape } = read.value;
  const issues: InputIssue[] = [];
  const entries = readEntries(doc, shape, origin, issues);
  const { list, ids } = entries;
  const graph = buildClosureGraph(ids, list.length, (i) => list[i]!.references);
  const dangling = danglingReferences(graph);
  checkLinks(entries, dangling, { origin, shape }, issues);
  if (issues.length > 0)
    return err(
      withPositions(
        text,
        issues.map((i) => (i.next === undefined ? { ...i, next: NEXT } : i)),
      ),
    );
  return ok({
    storeDir: entries.storeDir,
    shape,
    infos: pathInfoIndex(ids, list),
    list,
    graph,
    ids,
    invalid: entries.invalid.sort(),
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
