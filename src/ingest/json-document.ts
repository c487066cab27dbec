import type { InputIssue } from "./issues.js";
import { findPointer, findSyntaxError, positionAt } from "./json-locate.js";
import { err, ok, type Result } from "../domain/result.js";

const CONFLICT = /^(<{7}|={7}|>{7})( |$)/m;

/**
 * Parses JSON text, or says where it is broken (line:column) and, for merge-conflict markers, why.
 * JSON.parse does the work; the scanner only runs on failure.
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
  try {
    return ok(JSON.parse(body) as unknown);
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
}

/** Adds line:column to issues that name a pointer, for the first few (locating is a rescan). */
export function withPositions(text: string, issues: readonly InputIssue[], limit = 20): InputIssue[] {
  return issues.map((issue, i) => {
    if (issue.position !== undefined || i >= limit || issue.pointer === "") return issue;
    const offset = findPointer(text, issue.pointer);
    return offset === undefined ? issue : { ...issue, position: positionAt(text, offset) };
  });
}
