import type { LockGraph } from "../domain/lock/graph.js";
import { parseFlakeLock } from "../ingest/lock/flake-lock.js";
import { InputError } from "./errors.js";
import type { FileText, Files } from "./ports.js";

/** Reads and parses a flake.lock, throwing InputError with every issue when it is not a valid lock. */
export async function readLock(files: Files, path: string): Promise<{ file: FileText; graph: LockGraph }> {
  const file = await files.readText(path);
  const parsed = parseFlakeLock(file.text, file.displayPath);
  if (!parsed.ok) throw new InputError(parsed.error);
  return { file, graph: parsed.value };
}
