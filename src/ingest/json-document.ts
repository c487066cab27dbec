import type { InputIssue } from "./issues.js";
import { findSyntaxError, MAX_DEPTH, nestingTooDeep, pointerLocator, positionAt } from "./json-locate.js";
import { err, ok, type Result } from "../domain/result.js";

const CONFLICT = /^(<{7}|={7}|>{7})( |$)/m;

/**
 * Parses JSON text, or says where it is broken (line:column) and, for merge-conflict markers, why.
 * JSON.parse does the work; the scanner only runs on failure. Nesting deeper than MAX_DEPTH is
 * rejected too (one linear pass).
 */
export function parseJsonDocument(text: string, origin: string, what: string): Result<unknown, InputIssue[]> {
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
  const deep = nestingTooDeep(body);
  if (deep !== undefined)
    return err([
      {
        origin,
        pointer: "",
        position: positionAt(body, deep),
        message: `JSON nested more than ${MAX_DEPTH} levels deep`,
        expected: what,
        next: "this is not a file Nix writes; regenerate it",
      },
    ]);
  return ok(value);
}

/** Adds line:column to issues that name a pointer, for the first few (locating is a rescan). */
export function withPositions(text: string, issues: readonly InputIssue[], limit = 20): InputIssue[] {
  const locate = pointerLocator(text);
  return issues.map((issue, i) => {
    if (issue.position !== undefined || i >= limit || issue.pointer === "") return issue;
    const offset = locate(issue.pointer);
    return offset === undefined ? issue : { ...issue, position: positionAt(text, offset) };
  });
}
