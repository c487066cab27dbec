import type { Closure } from "../domain/closure/closure.js";
import type { DerivationSet } from "../domain/nix/derivation.js";
import { parseDerivations } from "../ingest/closure/derivation.js";
import { parsePathInfo } from "../ingest/closure/path-info.js";
import { InputError } from "./errors.js";
import type { FileText, Files, NixStore } from "./ports.js";

/** Where closure data comes from: a file (or `-`), or the installed nix. */
export type ClosureSource = { readonly file: string } | { readonly of: string };

export interface ClosureRead {
  readonly closure: Closure;
  readonly origin: string;
  /** The file it came from, without its text: a 100 MB document must not outlive its parse. */
  readonly file?: Omit<FileText, "text">;
}

export async function readClosure(source: ClosureSource, files: Files, nix: () => NixStore): Promise<ClosureRead> {
  let text: string;
  let origin: string;
  let file: Omit<FileText, "text"> | undefined;
  if ("file" in source) {
    const read = await files.readText(source.file);
    file = { displayPath: read.displayPath, sha256: read.sha256, directoryName: read.directoryName };
    [text, origin] = [read.text, read.displayPath];
  } else {
    const out = await nix().pathInfoClosure(source.of);
    [text, origin] = [out.text, out.origin];
  }
  const parsed = parsePathInfo(text, origin);
  if (!parsed.ok) throw new InputError(parsed.error);
  return { closure: parsed.value, origin, ...(file !== undefined ? { file } : {}) };
}

export async function readDerivations(path: string, files: Files, storeDir?: string): Promise<DerivationSet> {
  const file = await files.readText(path);
  const parsed = parseDerivations(file.text, file.displayPath, storeDir);
  if (!parsed.ok) throw new InputError(parsed.error);
  return parsed.value;
}
