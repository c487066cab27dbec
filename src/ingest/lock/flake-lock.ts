import type { LockGraph } from "../../domain/lock/graph.js";
import { err, ok, type Result } from "../../domain/result.js";
import type { InputIssue } from "../issues.js";
import { zodIssues } from "../zod-issues.js";
import { FlakeLockSchema, SOURCE_ATTR_SCHEMAS } from "./flake-lock.schema.js";
import { parseLock, type ParsedLock } from "./parse-lock.js";
import type { LockExplainer } from "./source-attrs.js";

/** zod's explanations of what the hand-written predicates reject: its issues, with JSON pointers. */
export const zodLockExplainer: LockExplainer = {
  document: (value, origin) => {
    const parsed = FlakeLockSchema.safeParse(value);
    return parsed.success ? ok(parsed.data) : err(zodIssues(parsed.error, origin, "", value));
  },
  attrs: (type, raw, origin, pointer) => {
    const r = SOURCE_ATTR_SCHEMAS[type]?.safeParse(raw);
    return r === undefined || r.success ? [] : zodIssues(r.error, origin, pointer, raw);
  },
};

/** Parses flake.lock text of version 5, 6 or 7 into a total LockGraph, or every issue found. */
export function parseFlakeLock(text: string, origin: string): Result<LockGraph, InputIssue[]> {
  const r = parseFlakeLockWalked(text, origin);
  return r.ok ? ok(r.value.graph) : r;
}

/** parseFlakeLock, also returning the walk its checks made, for callers that build an inventory next. */
export const parseFlakeLockWalked = (text: string, origin: string): ParsedLock =>
  parseLock(text, origin, zodLockExplainer);
