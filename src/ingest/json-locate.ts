/**
 * Where things are in JSON text, for error messages: where a syntax error is (line and column),
 * where the value named by a JSON pointer starts, how deep the nesting goes. jsonc-parser does the
 * scanning; JSON.parse stays the fast path and these run only to explain a failure.
 */
import { printParseErrorCode, visit } from "jsonc-parser";
import type { TextPosition } from "../domain/input-issue.js";
import { toPointer } from "./issues.js";

export type { TextPosition };

// Strict JSON, as Nix reads it: jsonc-parser would otherwise accept comments and trailing commas.
const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

/** Deeper than any file flake-audit reads (a lock or path-info is at most 6 levels) and far from a stack overflow. */
export const MAX_DEPTH = 512;

export function positionAt(text: string, offset: number): TextPosition {
  return positionsAt(text, [offset]).get(offset) ?? { line: 1, column: offset + 1 };
}

const describeAt = (text: string, offset: number): string =>
  offset >= text.length ? "end of file" : JSON.stringify(text.slice(offset, offset + 12));

/** What was expected where jsonc-parser stopped, in today's wording (golden files hold it). */
function explain(code: string, text: string, offset: number, closer: string): string {
  const found = `unexpected ${describeAt(text, offset)}`;
  switch (code) {
    case "PropertyNameExpected":
      return `${found}, expected a quoted key`;
    case "ColonExpected":
      return `${found}, expected ':'`;
    case "CommaExpected":
    case "CloseBraceExpected":
    case "CloseBracketExpected":
      return `${found}, expected ',' or '${closer}'`;
    case "EndOfFileExpected":
      return `${found} after the end of the JSON value`;
    case "InvalidCommentToken":
    case "UnexpectedEndOfComment":
      return "comments are not allowed in JSON (Nix rejects them)";
    case "UnexpectedEndOfString":
      return "unterminated string";
    case "InvalidUnicode":
    case "InvalidEscapeCharacter":
      return "invalid escape in string";
    case "InvalidCharacter":
      return "control character in string";
    default:
      return `${found}, expected a JSON value`;
  }
}

/** Where and why `text` is not JSON; undefined when it is. */
export function findSyntaxError(text: string): { offset: number; message: string } | undefined {
  const deep = nestingTooDeep(text);
  if (deep !== undefined) return { offset: deep, message: `nesting too deep (more than ${MAX_DEPTH} levels)` };
  const open: string[] = [];
  // After `{` or a `,` in an object a key must come, whatever jsonc-parser's error code says then.
  let expectKey = false;
  let done = false; // the top-level value is complete: anything more is trailing text
  let first: { offset: number; message: string } | undefined;
  visit(
    text,
    {
      onObjectBegin: () => {
        open.push("}");
        expectKey = true;
      },
      onObjectEnd: () => {
        open.pop();
        done = open.length === 0;
      },
      onArrayBegin: () => {
        open.push("]");
        expectKey = false;
      },
      onArrayEnd: () => {
        open.pop();
        done = open.length === 0;
      },
      onLiteralValue: () => {
        done = open.length === 0;
      },
      onObjectProperty: () => {
        expectKey = false;
      },
      onSeparator: (c) => {
        expectKey = c === "," && open.at(-1) === "}";
      },
      onError: (code, offset) => {
        const name = done
          ? "EndOfFileExpected"
          : expectKey && open.at(-1) === "}"
            ? "PropertyNameExpected"
            : printParseErrorCode(code);
        first ??= { offset, message: explain(name, text, offset, open.at(-1) ?? "}") };
      },
    },
    STRICT,
  );
  return first;
}

/**
 * The offset where nesting first goes deeper than `max` levels, or undefined. One linear pass
 * (strings skipped with indexOf), so hostile input cannot make anything downstream recurse deeply.
 */
export function nestingTooDeep(text: string, max = MAX_DEPTH): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(text, i);
      if (i < 0) return undefined;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return undefined;
}

/** The offset of the quote closing the string opened at `start`; -1 when it is never closed. */
export function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end > 0 && text.charCodeAt(end - 1) === 92 /* \\ */) {
    let backslashes = 0;
    for (let i = end - 1; text.charCodeAt(i) === 92; i--) backslashes++;
    if (backslashes % 2 === 0) break;
    end = text.indexOf('"', end + 1);
  }
  return end;
}

/**
 * Where the values named by `pointers` start (or their nearest existing ancestor), in one streaming
 * pass that keeps only the offsets asked for: building a tree of a multi-megabyte document (a host
 * report's previous closure) costs several times more. The first member with a key wins, as in a tree search.
 */
export function pointerOffsets(text: string, pointers: readonly string[]): Map<string, number | undefined> {
  const wanted = new Set<string>();
  for (const p of pointers) {
    const parts = p.split("/");
    for (let i = 1; i <= parts.length; i++) wanted.add(parts.slice(0, i).join("/"));
  }
  const seen = new Map<string, number>();
  if (nestingTooDeep(text) === undefined) {
    const at = (offset: number, path: ReadonlyArray<string | number>): void => {
      const pointer = toPointer(path);
      if (wanted.has(pointer) && !seen.has(pointer)) seen.set(pointer, offset);
    };
    visit(
      text,
      {
        onObjectBegin: (offset, _l, _sl, _sc, path) => at(offset, path()),
        onArrayBegin: (offset, _l, _sl, _sc, path) => at(offset, path()),
        onLiteralValue: (_v, offset, _l, _sl, _sc, path) => at(offset, path()),
      },
      STRICT,
    );
  }
  const out = new Map<string, number | undefined>();
  for (const p of pointers) {
    const parts = p.split("/");
    let found: number | undefined;
    for (let i = parts.length; i >= 1 && found === undefined; i--) found = seen.get(parts.slice(0, i).join("/"));
    out.set(p, found);
  }
  return out;
}

/** The offset where the value at `pointer` starts (or its nearest existing ancestor). */
export const findPointer = (text: string, pointer: string): number | undefined =>
  pointerOffsets(text, [pointer]).get(pointer);

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

/**
 * Keys that appear twice in one object, in one streaming pass (at most `limit`): JSON.parse keeps the
 * last silently, YAML refuses them, and a reviewer reading the first would be misled. Each is named
 * by the pointer of its object and the offset of its second occurrence.
 */
export function duplicateKeys(text: string, limit = 20): Array<{ pointer: string; key: string; offset: number }> {
  const out: Array<{ pointer: string; key: string; offset: number }> = [];
  if (nestingTooDeep(text) !== undefined) return out;
  const open: Array<Set<string>> = [];
  visit(
    text,
    {
      onObjectBegin: () => {
        open.push(new Set());
      },
      onObjectEnd: () => {
        open.pop();
      },
      onObjectProperty: (key, offset, _length, _line, _column, path) => {
        const keys = open.at(-1);
        if (keys === undefined) return;
        if (!keys.has(key)) keys.add(key);
        else if (out.length < limit)
          out.push({
            pointer: toPointer(path()),
            key,
            offset,
          });
      },
    },
    STRICT,
  );
  return out;
}
