/**
 * A small JSON scanner used only where JSON.parse cannot help: to say where a syntax error is (line
 * and column), and where a value named by a JSON pointer starts. JSON.parse stays the fast path.
 */
import type { TextPosition } from "../domain/input-issue.js";

export type { TextPosition };

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Stop {
  readonly offset: number;
  readonly message: string;
  constructor(offset: number, message: string) {
    this.offset = offset;
    this.message = message;
  }
}

interface Scan {
  readonly text: string;
  pos: number;
  readonly target?: string;
  found?: number;
}

const WS = new Set([32, 9, 10, 13]);

function skipWs(s: Scan): void {
  while (s.pos < s.text.length && WS.has(s.text.charCodeAt(s.pos))) s.pos++;
}

function describe(s: Scan): string {
  if (s.pos >= s.text.length) return "end of file";
  return JSON.stringify(s.text.slice(s.pos, s.pos + 12));
}

function scanString(s: Scan): string {
  const start = s.pos;
  s.pos++;
  let out = "";
  while (s.pos < s.text.length) {
    const c = s.text[s.pos]!;
    if (c === '"') {
      s.pos++;
      return out;
    }
    if (c === "\\") {
      const esc = s.text[s.pos + 1];
      if (esc === "u" && /^[0-9a-fA-F]{4}$/.test(s.text.slice(s.pos + 2, s.pos + 6))) {
        out += String.fromCharCode(parseInt(s.text.slice(s.pos + 2, s.pos + 6), 16));
        s.pos += 6;
        continue;
      }
      const map: Record<string, string> = {
        '"': '"',
        "\\": "\\",
        "/": "/",
        b: "\b",
        f: "\f",
        n: "\n",
        r: "\r",
        t: "\t",
      };
      if (esc === undefined || map[esc] === undefined) throw new Stop(s.pos, "invalid escape in string");
      out += map[esc];
      s.pos += 2;
      continue;
    }
    if (c.charCodeAt(0) < 0x20) throw new Stop(s.pos, "control character in string");
    out += c;
    s.pos++;
  }
  throw new Stop(start, "unterminated string");
}

const escapePointer = (k: string): string => k.replace(/~/g, "~0").replace(/\//g, "~1");

function scanValue(s: Scan, pointer: string): void {
  skipWs(s);
  if (s.target !== undefined && s.found === undefined && pointer === s.target) s.found = s.pos;
  const c = s.text[s.pos];
  if (c === "{") {
    scanContainer(s, pointer, "}", true);
    return;
  }
  if (c === "[") {
    scanContainer(s, pointer, "]", false);
    return;
  }
  if (c === '"') return void scanString(s);
  const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(s.text.slice(s.pos, s.pos + 400));
  if (m === null) throw new Stop(s.pos, `unexpected ${describe(s)}, expected a JSON value`);
  s.pos += m[0].length;
}

function scanContainer(s: Scan, pointer: string, close: string, isObject: boolean): void {
  s.pos++;
  skipWs(s);
  if (s.text[s.pos] === close) {
    s.pos++;
    return;
  }
  for (let i = 0; ; i++) {
    let childPointer = `${pointer}/${i}`;
    if (isObject) {
      skipWs(s);
      if (s.text[s.pos] !== '"') throw new Stop(s.pos, `unexpected ${describe(s)}, expected a quoted key`);
      childPointer = `${pointer}/${escapePointer(scanString(s))}`;
      skipWs(s);
      if (s.text[s.pos] !== ":") throw new Stop(s.pos, `unexpected ${describe(s)}, expected ':'`);
      s.pos++;
    }
    scanValue(s, childPointer);
    skipWs(s);
    const c = s.text[s.pos];
    if (c === ",") {
      s.pos++;
      continue;
    }
    if (c === close) {
      s.pos++;
      return;
    }
    throw new Stop(s.pos, `unexpected ${describe(s)}, expected ',' or '${close}'`);
  }
}

/** Where and why `text` is not JSON; undefined when it is. */
export function findSyntaxError(text: string): { offset: number; message: string } | undefined {
  const s: Scan = { text, pos: 0 };
  try {
    scanValue(s, "");
    skipWs(s);
    if (s.pos < text.length) throw new Stop(s.pos, `unexpected ${describe(s)} after the end of the JSON value`);
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, message: e.message };
    if (e instanceof RangeError) return { offset: s.pos, message: "nesting too deep" };
    throw e;
  }
}

/** The offset where the value at `pointer` starts (or its nearest existing ancestor). */
export function findPointer(text: string, pointer: string): number | undefined {
  const parts = pointer.split("/");
  for (let n = parts.length; n >= 1; n--) {
    const target = parts.slice(0, n).join("/");
    const s: Scan = { text, pos: 0, target };
    try {
      scanValue(s, "");
    } catch {
      // a syntax error after the target does not matter
    }
    if (s.found !== undefined) return s.found;
  }
  return undefined;
}

/**
 * Where each member of the object at `/nodes` starts (by member key), in one pass: SARIF results
 * and check findings point at the line of the offending lock node. Strings without escapes are
 * skipped with indexOf, so a 5 MB lock takes one quick scan.
 */
export function nodeOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let pos = 0;
  let depth = 0;
  let inNodes = -1; // the depth of the "nodes" object, once entered
  let lastKey: string | undefined;
  let pendingNodes = false;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 34 /* " */) {
      let end = text.indexOf('"', pos + 1);
      while (end > 0 && text.charCodeAt(end - 1) === 92 /* \\ */) {
        let bs = 0;
        for (let i = end - 1; text.charCodeAt(i) === 92; i--) bs++;
        if (bs % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end < 0) break;
      const raw = text.slice(pos + 1, end);
      let after = end + 1;
      while (
        after < text.length &&
        (text.charCodeAt(after) === 32 ||
          text.charCodeAt(after) === 10 ||
          text.charCodeAt(after) === 13 ||
          text.charCodeAt(after) === 9)
      )
        after++;
      if (text[after] === ":") {
        lastKey = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (depth === 1 && lastKey === "nodes") pendingNodes = true;
        if (inNodes >= 0 && depth === inNodes + 1) out.set(lastKey, pos);
      }
      pos = end + 1;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (pendingNodes && c === 123 && depth === 2) {
        inNodes = 1;
        pendingNodes = false;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      if (depth < 2) inNodes = -1; // the nodes object closed
    }
    pos++;
  }
  return out;
}

/** Line and column of many offsets in one pass over the text. */
export function positionsAt(text: string, offsets: Iterable<number>): Map<number, TextPosition> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, TextPosition>();
  let line = 1;
  let lineStart = 0;
  let i = 0;
  for (const offset of sorted) {
    for (; i < offset && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    out.set(offset, { line, column: offset - lineStart + 1 });
  }
  return out;
}
