import { constants } from "node:fs";
import { type FileHandle, lstat, open, realpath } from "node:fs/promises";
import path from "node:path";

/** Why a file was not opened; the caller words it (never quoting the file: a link may point at a secret). */
export type Refusal =
  | { readonly kind: "link-out" }
  | { readonly kind: "dangling-link"; readonly cause: unknown }
  | { readonly kind: "not-regular" }
  | { readonly kind: "too-large"; readonly size: number };

/** Whether `target` is inside `dir` (both real paths), not `dir` itself. */
export const isInside = (dir: string, target: string): boolean => {
  const rel = path.relative(dir, target);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
};

/**
 * Opens a file that a directory someone else writes may hold (host reports, a store's sources) as a
 * regular file of at most `maxBytes`: the type is checked without following a link (lstat), a link
 * must resolve inside `within` (a real path; undefined follows links anywhere), and the open never
 * blocks (O_NONBLOCK: a FIFO without a writer would block forever) nor follows a link swapped in
 * since (O_NOFOLLOW), after which fstat of the descriptor decides (its size is returned with it).
 * Refusals are `refuse`'s errors.
 */
export async function openRegularFile(
  abs: string,
  opts: { readonly within?: string; readonly maxBytes: number; readonly refuse: (why: Refusal) => Error },
): Promise<{ readonly fh: FileHandle; readonly size: number }> {
  const l = await lstat(abs);
  let target = abs;
  if (l.isSymbolicLink()) {
    target = await realpath(abs).catch((cause: unknown) => {
      throw opts.refuse({ kind: "dangling-link", cause });
    });
    if (opts.within !== undefined && !isInside(opts.within, target)) throw opts.refuse({ kind: "link-out" });
  } else if (!l.isFile()) throw opts.refuse({ kind: "not-regular" });
  const fh = await open(target, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  try {
    const s = await fh.stat();
    if (!s.isFile()) throw opts.refuse({ kind: "not-regular" });
    if (s.size > opts.maxBytes) throw opts.refuse({ kind: "too-large", size: s.size });
    return { fh, size: s.size };
  } catch (e) {
    await fh.close();
    throw e;
  }
}
