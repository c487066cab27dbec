import { readFileSync } from "node:fs";
import type { LockGraph } from "../../src/domain/lock/graph.js";
import { parseFlakeLock } from "../../src/ingest/lock/flake-lock.js";
import { renderIssues } from "../../src/render/issue-text.js";
import { lockFixture } from "./paths.js";

export function parseOrThrow(text: string, origin = "test.lock"): LockGraph {
  const r = parseFlakeLock(text, origin);
  if (!r.ok) throw new Error(renderIssues(r.error));
  return r.value;
}

export const fixtureGraph = (name: string): LockGraph =>
  parseOrThrow(readFileSync(lockFixture("valid", `${name}.lock`), "utf8"), `${name}.lock`);
