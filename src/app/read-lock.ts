import type { LockGraph } from "../domain/lock/graph.js";
import type { LockTraversal } from "../domain/lock/traversal.js";
import { parseLock } from "../ingest/lock/parse-lock.js";
import { UNEXPLAINED } from "../ingest/lock/source-attrs.js";
import { InputError } from "./errors.js";
import type { FileText, Files } from "./ports.js";

/**
 * Reads and parses a flake.lock, throwing InputError with every issue when it is not a valid lock.
 * `walk` is the walk the checks made; pass it to buildInventory so the lock is walked once.
 */
export async function readLock(
  files: Files,
  path: string,
): Promise<{ file: FileText; graph: LockGraph; walk: LockTraversal }> {
  const file = await files.readText(path);
  return { file, ...(await parseLockText(file)) };
}

/** A lock's text already read (from a file, git or nowhere), parsed as readLock parses it. */
export async function parseLockText(file: FileText): Promise<{ graph: LockGraph; walk: LockTraversal }> {
  // zod loads only for a lock the hand-written checks reject, to explain it (most runs never need it).
  const fast = parseLock(file.text, file.displayPath);
  const parsed =
    fast !== UNEXPLAINED
      ? fast
      : (await import("../ingest/lock/flake-lock.js")).parseFlakeLockWalked(file.text, file.displayPath);
  if (!parsed.ok) throw new InputError(parsed.error);
  return parsed.value;
}
