import type { InputIssue } from "./issues.js";
import { findSyntaxError, MAX_DEPTH, nestingTooDeep, pointerOffsets, positionAt } from "./json-locate.js";
import { err, ok, type Result } from "../domain/result.js";

const CONFLICT = /^(<{7}|={7}|>{7})( |$)/m;

/** How deep a document may nest, and what to say when it nests deeper. */
export interface DepthLimit {
  readonly max: number;
  /** Why such nesting cannot be what was expected, e.g. "a flake.lock nests at most 5 deep". */
  readonly why?: string;
}

/**
 * Whether a parsed value nests deeper than `max` arrays and objects, stopping at the first level too
 * deep. It recurses, but never more than `max` + 1 calls deep (at most 513), so the check itself
 * cannot overflow the stack. JSON.parse itself is iterative in V8; what would overflow is code that
 * recurses over the value afterwards without a bound (zod, String()).
 */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const deeper = (v: object, depth: number): boolean => {
    if (depth > max) return true;
    if (Array.isArray(v)) {
      for (const child of v) if (typeof child === "object" && child !== null && deeper(child, depth + 1)) return true;
    } else
      for (const k in v) {
        const child: unknown = Reflect.get(v, k);
        if (typeof child === "object" && child !== null && deeper(child, depth + 1)) return true;
      }
    return false;
  };
  return typeof value === "object" && value !== null && deeper(value, 1);
}

/**
 * Parses JSON text, or says where it is broken (line:column) and, for merge-conflict markers, why.
 * JSON.parse does the work; the scanner only runs on failure. Nesting deeper than `depth.max` (by
 * default MAX_DEPTH) is rejected too: checked on the parsed value, located by a rescan only then.
 */
export function parseJsonDocument(
  text: string,
  origin: string,
  what: string,
  depth: DepthLimit = { max: MAX_DEPTH },
): Result<unknown, InputIssue[]> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    return err([
      {
        origin,
        pointer: "",
        message: `the file is empty; expected ${what}`,
        next: "check that the path names the right file",
      },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const found = findSyntaxError(body) ?? { offset: 0, message: "not valid JSON" };
    const conflict = CONFLICT.test(body);
    return err([
      {
        origin,
        pointer: "",
        position: positionAt(body, found.offset),
        message: `invalid JSON: ${found.message}`,
        expected: what,
        next: conflict
          ? "the file holds merge-conflict markers (<<<<<<<, =======, >>>>>>>); resolve the conflict, e.g. by re-running `nix flake lock`"
          : "fix the file or regenerate it; hand edits and truncated downloads are the usual causes",
      },
    ]);
  }
  // Checked before anything walks the value: code that recurses over it (zod, JSON.stringify,
  // String()) would overflow the stack on hostile nesting, which is an internal error (exit 70).
  if (!nestsDeeperThan(value, depth.max)) return ok(value);
  const deep = nestingTooDeep(body, depth.max);
  return err([
    {
      origin,
      pointer: "",
      ...(deep !== undefined ? { position: positionAt(body, deep) } : {}),
      message: `the JSON nests deeper than ${depth.max} arrays and objects here${depth.why !== undefined ? `; ${depth.why}` : ""}`,
      expected: what,
      next: "this is not a file Nix writes; regenerate it",
    },
  ]);
}

/** Adds line:column to issues that name a pointer, for the first few (locating is a rescan). */
export function withPositions(text: string, issues: readonly InputIssue[], limit = 20): InputIssue[] {
  const wanted = issues.filter((issue, i) => issue.position === undefined && i < limit && issue.pointer !== "");
  const offsets =
    wanted.length > 0
      ? pointerOffsets(
          text,
          wanted.map((issue) => issue.pointer),
        )
      : new Map<string, number | undefined>();
  return issues.map((issue, i) => {
    if (issue.position !== undefined || i >= limit || issue.pointer === "") return issue;
    const offset = offsets.get(issue.pointer);
    return offset === undefined ? issue : { ...issue, position: positionAt(text, offset) };
  });
}
