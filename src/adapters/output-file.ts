import { constants, closeSync, fchmodSync, openSync, promises as fs, rmSync, writeSync } from "node:fs";
import { constants as osConstants } from "node:os";
import path from "node:path";
import { OutputError } from "../app/errors.js";
import { errnoCode } from "./errno.js";

/** What an errno means for an output, and what to do about it. */
const WRITE_ERRORS: Readonly<Record<string, readonly [string, string]>> = {
  ENOSPC: ["no space left on the device", "free some space, or write elsewhere"],
  EDQUOT: ["disk quota exceeded", "free some space, or write elsewhere"],
  EFBIG: ["file too large for the limit on this process (ulimit -f)", "raise the limit, or write elsewhere"],
  ENXIO: ["no reader: nothing has this FIFO open for reading", "start the reader first"],
  EPIPE: ["the reader closed the pipe", "keep the reader open until flake-audit ends"],
  ENOENT: ["its directory does not exist", "create the directory, or check the path"],
  EACCES: ["permission denied", "choose a path you can write"],
  EPERM: ["permission denied", "choose a path you can write"],
  EROFS: ["read-only file system", "choose a writable path"],
  EISDIR: ["is a directory", "name a file inside it"],
  ELOOP: ["too many levels of symbolic links", "check where the links point"],
};

export function outputError(target: string, e: unknown): OutputError {
  const code = errnoCode(e) ?? "unknown error";
  const [what, next] = WRITE_ERRORS[code] ?? [`could not write output (${code})`, "check the path"];
  return new OutputError(`could not write output to ${target}: ${what}; ${next}`);
}

const refuse = (target: string, what: string, next: string): OutputError =>
  new OutputError(`could not write output to ${target}: ${what}; ${next}`);

/** How an output path is written: atomically beside a regular file, or in place for a device or FIFO. */
type Plan =
  | { readonly kind: "replace"; readonly path: string; readonly mode?: number }
  | { readonly kind: "direct"; readonly path: string };

const MAX_LINKS = 40;

/** Follows symbolic links to what `target` finally names; the temp file goes beside that. */
async function planOutput(absolute: string, target: string): Promise<Plan> {
  let p = absolute;
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    p = path.join(await fs.realpath(path.dirname(p)), path.basename(p));
    const st = await fs.lstat(p).catch((e: unknown) => {
      if (errnoCode(e) === "ENOENT") return undefined;
      throw e;
    });
    if (st === undefined) return { kind: "replace", path: p };
    if (st.isSymbolicLink()) {
      // /proc's links (/dev/stdout → /proc/self/fd/1) name open files, not paths: they are opened as they are.
      if (p.startsWith("/proc/")) return { kind: "direct", path: p };
      p = path.resolve(path.dirname(p), await fs.readlink(p));
      continue;
    }
    if (st.isFile()) return { kind: "replace", path: p, mode: st.mode & 0o7777 };
    if (st.isDirectory()) throw refuse(target, "is a directory", "name a file inside it");
    if (st.isFIFO() || st.isCharacterDevice()) return { kind: "direct", path: p };
    throw refuse(target, "is not a regular file, a FIFO or a character device", "choose a file path");
  }
  throw outputError(target, { code: "ELOOP" });
}

/** Writes every byte, however few each call takes (a short write is not an error). */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

const SLICE = 4 * 1024 * 1024;
/** Between slices the event loop runs, so that SIGINT/SIGTERM/SIGHUP handlers can remove the temp file. */
const letSignalsIn = () => new Promise<void>((resolve) => setImmediate(resolve));

// Chunks are written as they are produced, synchronously: a chunk then dies young instead of surviving,
// promoted, until an asynchronous write completes, which for a 250 MB SBOM costs more in garbage
// collection than the waits it would save.
async function writeContent(fd: number, content: string | Iterable<string>): Promise<void> {
  let sinceYield = 0;
  for (const chunk of typeof content === "string" ? [content] : content) {
    const bytes = Buffer.from(chunk, "utf8");
    for (let at = 0; at < bytes.length; at += SLICE) {
      const slice = bytes.subarray(at, at + SLICE);
      writeAll(fd, slice);
      sinceYield += slice.length;
      if (sinceYield >= SLICE) {
        sinceYield = 0;
        await letSignalsIn();
      }
    }
  }
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const temps = new Set<string>();

/** A signal while a temp file exists removes it, then exits 128+signal as a shell would report. */
function onSignal(signal: NodeJS.Signals): void {
  for (const t of temps) rmSync(t, { force: true });
  process.exit(128 + osConstants.signals[signal]);
}

function trackTemp(tmp: string): void {
  if (temps.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  temps.add(tmp);
}

function untrackTemp(tmp: string): void {
  temps.delete(tmp);
  if (temps.size === 0) for (const s of SIGNALS) process.off(s, onSignal);
}

/**
 * A new temp file beside `final`, opened exclusively (O_EXCL: never a file or link already there).
 * Its name is the process id and the monotonic clock in nanoseconds, so two runs never pick the
 * same one; a name someone else already took is skipped for the next (no node:crypto to load for it).
 */
function openTemp(final: string): { tmp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const tmp = path.join(
      path.dirname(final),
      `.${path.basename(final)}.${process.pid}.${process.hrtime.bigint().toString(36)}.tmp`,
    );
    try {
      return { tmp, fd: openSync(tmp, "wx") };
    } catch (e) {
      if (errnoCode(e) !== "EEXIST" || attempt === 8) throw e;
    }
  }
}

/** A temp file beside `final`, renamed over it once complete: a reader never sees half a file. */
async function replaceAtomically(final: string, mode: number | undefined, content: string | Iterable<string>) {
  const { tmp, fd } = openTemp(final);
  trackTemp(tmp);
  try {
    try {
      if (mode !== undefined) fchmodSync(fd, mode);
      await writeContent(fd, content);
    } finally {
      closeSync(fd);
    }
    await fs.rename(tmp, final);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    untrackTemp(tmp);
  }
}

/** A device or FIFO, written in place: there is nothing to replace, and renaming over it would destroy it. */
async function writeInPlace(p: string, content: string | Iterable<string>): Promise<void> {
  // O_NONBLOCK: opening a FIFO nobody reads fails at once (ENXIO) instead of waiting for ever. Once a
  // reader is known, a blocking descriptor is opened for the writes, which must wait for a slow reader.
  const probe = openSync(p, constants.O_WRONLY | constants.O_NONBLOCK);
  let fd: number;
  try {
    fd = openSync(p, constants.O_WRONLY | constants.O_APPEND);
  } finally {
    closeSync(probe);
  }
  try {
    await writeContent(fd, content);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `content` to `target` (relative to `cwd`) completely, or fails with an OutputError and
 * leaves what was there untouched. A regular file (also through a symbolic link) is replaced
 * atomically and keeps its mode; a device or FIFO is written in place.
 */
export async function writeOutputFile(target: string, content: string | Iterable<string>, cwd: string): Promise<void> {
  try {
    const plan = await planOutput(path.resolve(cwd, target), target);
    if (plan.kind === "direct") await writeInPlace(plan.path, content);
    else await replaceAtomically(plan.path, plan.mode, content);
  } catch (e) {
    throw e instanceof OutputError ? e : outputError(target, e);
  }
}
