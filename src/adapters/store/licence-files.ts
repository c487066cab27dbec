import { lstat, opendir, realpath } from "node:fs/promises";
import path from "node:path";
import type { LicenceFileText, SourceStore, StoredSource } from "../../app/licence-ports.js";
import type { SkippedLicenceFile } from "../../domain/licence/evidence.js";
import { parseStorePath } from "../../domain/nix/store-path.js";
import { errnoCode as errnoOf } from "../errno.js";
import { openRegularFile, type Refusal } from "../regular-file.js";

/** A licence file is a page or two; a megabyte is far past any real one (GPL-3.0 is 35 kB). */
export const MAX_LICENCE_FILE_BYTES = 1024 * 1024;
/** Licence files read per source; a source with more (LICENSE-MIT, LICENSE-APACHE, COPYING, NOTICE …) has them named as skipped. */
export const MAX_LICENCE_FILES = 8;
/** Top-level entries looked at: a source directory of a million files is not listed to its end. */
const MAX_ENTRIES = 20_000;

/** `LICENSE*`, `LICENCE*`, `COPYING*`, `NOTICE` (and `.md`/`.txt`), case-insensitive. */
const CANDIDATE = /^(?:licen[cs]e|copying)(?:[-._][A-Za-z0-9._-]{0,60})?$|^notice(?:\.md|\.txt)?$/i;

class Skip extends Error {}

const NOT_REGULAR = "not a regular file (a FIFO, device, socket or directory)";

const refusal = (why: Refusal): Skip => {
  switch (why.kind) {
    case "dangling-link":
      return new Skip("a symbolic link that resolves nowhere");
    case "link-out":
      return new Skip("a symbolic link out of the source; not followed");
    case "not-regular":
      return new Skip(NOT_REGULAR);
    case "too-large":
      return new Skip(`larger than ${MAX_LICENCE_FILE_BYTES} bytes`);
  }
};

/**
 * One candidate's text, opened as a regular file inside the source (openRegularFile: a link only
 * when it stays inside, never a FIFO) and read to at most the bound. Messages never quote the file.
 */
async function readCandidate(dir: string, name: string): Promise<string> {
  const { fh, size } = await openRegularFile(path.join(dir, name), {
    within: dir,
    maxBytes: MAX_LICENCE_FILE_BYTES,
    refuse: refusal,
  });
  try {
    // One byte past the bound: a file that grew since fstat is refused, not cut.
    const buf = Buffer.alloc(Math.min(size, MAX_LICENCE_FILE_BYTES) + 1);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > MAX_LICENCE_FILE_BYTES) throw refusal({ kind: "too-large", size: n });
    return buf.subarray(0, n).toString("utf8");
  } finally {
    await fh.close();
  }
}

/** The candidates' names, sorted, from at most MAX_ENTRIES entries of the directory. */
async function candidates(dir: string): Promise<string[]> {
  const names: string[] = [];
  const d = await opendir(dir, { bufferSize: 256 });
  let seen = 0;
  try {
    for await (const entry of d) {
      if (CANDIDATE.test(entry.name)) names.push(entry.name);
      if (++seen >= MAX_ENTRIES) break;
    }
  } finally {
    await d.close().catch(() => undefined);
  }
  return names.sort();
}

async function readSource(dir: string): Promise<StoredSource> {
  let real: string;
  try {
    const s = await lstat(dir);
    if (!s.isDirectory()) return { status: "unreadable", reason: "not a directory" };
    real = await realpath(dir);
  } catch (e) {
    return errnoOf(e) === "ENOENT" ? { status: "not-in-store" } : { status: "unreadable", reason: describe(e) };
  }
  const files: LicenceFileText[] = [];
  const skipped: SkippedLicenceFile[] = [];
  let names: string[];
  try {
    names = await candidates(real);
  } catch (e) {
    return { status: "unreadable", reason: describe(e) };
  }
  for (const name of names) {
    if (files.length === MAX_LICENCE_FILES) {
      skipped.push({ file: name, reason: `more than ${MAX_LICENCE_FILES} licence files` });
      continue;
    }
    try {
      files.push({ file: name, text: await readCandidate(real, name) });
    } catch (e) {
      skipped.push({ file: name, reason: e instanceof Skip ? e.message : describe(e) });
    }
  }
  return { status: "read", files, skipped };
}

/** An error's code only: a message could carry a path chosen by whoever wrote the store. */
const describe = (e: unknown): string => {
  const code = errnoOf(e);
  return code !== undefined ? `cannot read (${code})` : "cannot read";
};

/**
 * A local store: `storeDir` is the directory store paths are named in; `root`, for a chroot store
 * (`local?root=DIR`), is where that directory really is. Each read ends within `timeoutMs` (a hung
 * mount is that source's gap, not a hang).
 */
export function localSourceStore(opts: {
  storeDir: string;
  root?: string;
  label: string;
  timeoutMs: number;
}): SourceStore {
  return {
    storeDir: opts.storeDir,
    label: opts.label,
    async licenceFiles(storePath) {
      const parsed = parseStorePath(storePath, opts.storeDir);
      if (!parsed.ok) return { status: "unreadable", reason: `not a store path of ${opts.storeDir}` };
      const dir = path.join(opts.root ?? "/", storePath);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<StoredSource>((resolve) => {
        timer = setTimeout(
          () => resolve({ status: "unreadable", reason: `not read within ${opts.timeoutMs / 1000} s (--timeout)` }),
          opts.timeoutMs,
        );
      });
      try {
        return await Promise.race([readSource(dir), late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
