import type { InputIssue, TextPosition } from "../../domain/input-issue.js";

/**
 * The deepest nesting of arrays and objects a flake.lock may have. Nix writes at most 5 levels (the
 * document, `nodes`, a node, its `inputs`, a follows array); 100 leaves room for unknown fields. A
 * lock nested thousands deep is hostile or broken, and would exhaust the stack of every recursive
 * reader after JSON.parse (schema checks, error locating); it is refused before them.
 */
export const MAX_LOCK_JSON_DEPTH = 100;

const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

/** Where the text first nests deeper than `max` (ignoring brackets inside strings), or undefined. */
export function firstTooDeep(text: string, max: number): TextPosition | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === NEWLINE) {
      line++;
      lineStart = i + 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return { line, column: i - lineStart + 1 };
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return undefined;
}

/** An issue when the lock text nests deeper than MAX_LOCK_JSON_DEPTH; [] otherwise. */
export function lockDepthIssues(text: string, origin: string): InputIssue[] {
  const at = firstTooDeep(text, MAX_LOCK_JSON_DEPTH);
  if (at === undefined) return [];
  return [
    {
      origin,
      pointer: "",
      position: at,
      message: `the JSON nests deeper than ${MAX_LOCK_JSON_DEPTH} arrays and objects here; a flake.lock nests at most 5 deep (flake-audit reads up to ${MAX_LOCK_JSON_DEPTH})`,
      expected: "a flake.lock written by `nix flake lock`",
      next: "run `nix flake lock` again to rewrite the lock; a lock nested this deep was not written by Nix",
    },
  ];
}
