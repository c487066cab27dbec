/**
 * The one guarded reader of configuration documents in JSON or YAML (check policies, fleet files):
 * nesting, YAML aliases and duplicate keys are refused with their line:column before anything
 * recursive (zod, error locating) sees the data, and schema issues get positions in either syntax.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import type { InputIssue, TextPosition } from "../domain/input-issue.js";
import { err, ok, type Result } from "../domain/result.js";
import { toPointer } from "./issues.js";
import { withPositions } from "./json-document.js";
import { duplicateKeys, findSyntaxError, nestingTooDeep, positionAt } from "./json-locate.js";
import { dataTooDeepAt, MAX_ALIAS_COUNT, MAX_DOCUMENT_DEPTH } from "./structured-limits.js";
import { zodIssues } from "./zod-issues.js";

/**
 * A parsed document, and a way to give issues (by JSON pointer) their line:column: where the value
 * starts, or with `atKey` where its key is written (YAML; in JSON the value follows on the key's line).
 */
export interface StructuredDocument {
  readonly data: unknown;
  readonly locate: (issues: InputIssue[], atKey?: boolean) => InputIssue[];
}

export interface DocumentOptions {
  /** What the document is, for messages: "policy", "fleet file". */
  readonly what: string;
  /** What to do about any issue. */
  readonly next: string;
}

type Parsed = Result<StructuredDocument, InputIssue[]>;

const tooDeep = (what: string): string =>
  `nesting too deep: a ${what} nests at most ${MAX_DOCUMENT_DEPTH} levels of lists and maps`;

const tokensOf = (pointer: string): Array<string | number> =>
  pointer
    .split("/")
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, "/").replace(/~0/g, "~")));

/** Parses JSON (text starting with `{`/`[`, or a .json name) or YAML, within the limits. */
export function parseStructuredDocument(text: string, origin: string, options: DocumentOptions): Parsed {
  return /^\s*[{[]/.test(text) || origin.endsWith(".json")
    ? parseJson(text, origin, options)
    : parseYaml(text, origin, options);
}

function parseJson(text: string, origin: string, { what, next }: DocumentOptions): Parsed {
  const issue = (offset: number, message: string, pointer = ""): InputIssue => ({
    origin,
    pointer,
    position: positionAt(text, offset),
    message,
    next,
  });
  const deep = nestingTooDeep(text, MAX_DOCUMENT_DEPTH);
  if (deep !== undefined) return err([issue(deep, tooDeep(what))]);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const e = findSyntaxError(text) ?? { offset: 0, message: "not valid JSON" };
    return err([issue(e.offset, `invalid JSON: ${e.message}`)]);
  }
  const twice = duplicateKeys(text);
  if (twice.length > 0)
    return err(
      twice.map((d) => issue(d.offset, `duplicate key ${JSON.stringify(d.key)}: give each key once`, d.pointer)),
    );
  return ok({ data, locate: (issues) => withPositions(text, issues) });
}

function parseYaml(text: string, origin: string, { what, next }: DocumentOptions): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number): TextPosition => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0)
    return err(
      doc.errors.map((e) => ({
        origin,
        pointer: "",
        position: pos(e.pos[0]),
        // The parser survives deep nesting by reporting its stack overflow as a document error.
        message: /call stack/i.test(e.message) ? tooDeep(what) : `invalid YAML: ${e.message.split("\n")[0]}`,
        next,
      })),
    );
  /** Where the node at `path` starts. */
  const startAt = (path: Array<string | number>): number | undefined => {
    const node: unknown = doc.getIn(path, true);
    return isNode(node) ? node.range?.[0] : undefined;
  };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (e) {
    // The yaml package throws a ReferenceError when aliases expand past maxAliasCount (billion
    // laughs), and the stack overflows on nesting its parser let through.
    if (e instanceof RangeError) return err([{ origin, pointer: "", message: tooDeep(what), next }]);
    const why = e instanceof Error ? e.message : String(e);
    const message = `too many YAML aliases expanded (${why}); a ${what} needs at most ${MAX_ALIAS_COUNT}`;
    return err([{ origin, pointer: "", message, next }]);
  }
  const deep = dataTooDeepAt(data);
  if (deep !== undefined) {
    const at = startAt(deep.slice(0, MAX_DOCUMENT_DEPTH));
    const position = at !== undefined ? { position: pos(at) } : {};
    return err([{ origin, pointer: toPointer(deep), ...position, message: tooDeep(what), next }]);
  }
  const locate = (issues: InputIssue[], atKey = false): InputIssue[] =>
    issues.map((i) => {
      if (i.position !== undefined) return i;
      const path = tokensOf(i.pointer);
      const key = (): number | undefined => keyStart(doc.getIn(path.slice(0, -1), true), path.at(-1));
      const at = (atKey ? key() : undefined) ?? startAt(path) ?? key() ?? startAt(path.slice(0, -1));
      return at !== undefined ? { ...i, position: pos(at) } : i;
    });
  return ok({ data, locate });
}

/** Where `key` is written in a YAML map node: a member whose value is empty has no value node to point at. */
function keyStart(map: unknown, key: string | number | undefined): number | undefined {
  if (!isMap(map) || key === undefined) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
  return pair !== undefined && isNode(pair.key) ? pair.key.range?.[0] : undefined;
}

/**
 * Checks parsed data against a schema. A key the schema does not know is an issue of its own, at
 * the key (zod names only the object that holds it), so that each unknown key has its line:column.
 */
export function validateDocument<T>(
  schema: z.ZodType<T>,
  doc: StructuredDocument,
  origin: string,
  next: string,
): Result<T, InputIssue[]> {
  const parsed = schema.safeParse(doc.data);
  if (parsed.success) return ok(parsed.data);
  const ours = zodIssues(parsed.error, origin, "", doc.data);
  // Each zod issue becomes one issue, or one per unknown key; all keep zod's order.
  const split = parsed.error.issues.map((zi, n): InputIssue[] => {
    const mine = ours[n];
    if (mine === undefined) return [];
    if (zi.code !== "unrecognized_keys") return [{ ...mine, next }];
    return zi.keys.map((key) => ({
      origin,
      pointer: `${mine.pointer}${toPointer([key])}`,
      message: `unknown key ${JSON.stringify(key)}`,
      next,
    }));
  });
  const isKey = split.flatMap((list, n) => list.map(() => parsed.error.issues[n]?.code === "unrecognized_keys"));
  const flat = split.flat();
  const atValue = doc.locate(flat);
  const atKey = doc.locate(flat, true);
  return err(flat.map((issue, n) => (isKey[n] ? atKey[n] : atValue[n]) ?? issue));
}
