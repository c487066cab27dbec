import type { LockGraph } from "../domain/lock/graph.js";
import type { LockTraversal } from "../domain/lock/traversal.js";
import { parseFlakeLockWalked } from "../ingest/lock/flake-lock.js";
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
  const parsed = parseFlakeLockWalked(file.text, file.displayPath);
  if (!parsed.ok) throw new InputError(parsed.error);
  return { file, ...parsed.value };
}
