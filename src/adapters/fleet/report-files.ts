import { type FileHandle, readdir, realpath } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../../app/errors.js";
import type { ReadTimeout, ReportBytes, ReportFiles } from "../../app/fleet-ports.js";
import { openRegularFile } from "../regular-file.js";
import { splitReport } from "./report-split.js";

export { splitReport };

/**
 * Far above any real report (a NixOS closure with its previous generation is a few MB) and below
 * the longest string Node can make (512 MiB): past it a report is refused, not read.
 */
export const MAX_REPORT_BYTES = 256 * 1024 * 1024;

/**
 * A cheap bucket for byte comparison: the length, the last 4 KiB and 64 small windows spread over the
 * bytes. Closures of one length that share a long prefix (systems from one nixpkgs) land in different
 * buckets, so that a report is compared in full with one kept closure, not with each of them.
 */
function sampleKey(bytes: Buffer): string {
  const parts = [String(bytes.length), bytes.subarray(Math.max(0, bytes.length - 4096)).toString("latin1")];
  const step = Math.floor(bytes.length / 64);
  if (step > 32) for (let i = 0; i < 64; i++) parts.push(bytes.subarray(i * step, i * step + 32).toString("latin1"));
  return parts.join("|");
}

/** Why a file was not read. Never quotes the file: a link may point at a secret elsewhere. */
class Refused extends Error {}
class TimedOut extends Refused {}

const unreadable = (file: string, e: unknown): InputError =>
  new InputError([
    {
      origin: file,
      pointer: "",
      message: `cannot read: ${e instanceof Error ? e.message : String(e)}`,
      next: "check the path; reports are written by flake-audit host-report",
    },
  ]);

/** Runs `work`, or rejects after `ms` (the work goes on in the background; its result is dropped). */
async function within<T>(t: ReadTimeout, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TimedOut(`${what} did not finish within ${t.ms / 1000} s (${t.setting})`)),
      t.ms,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

const NOT_REGULAR = "is not a regular file (a FIFO, device, socket or directory)";

/**
 * Opens a report as a regular file (openRegularFile). The fleet file is the auditor's own: a link it
 * names is followed. One in a reports directory (`within`, its real path), where hosts may write,
 * must stay inside it (not /etc/passwd, not a FIFO elsewhere).
 */
async function openRegular(abs: string, within: string | undefined): Promise<{ fh: FileHandle; size: number }> {
  return openRegularFile(abs, {
    ...(within !== undefined ? { within } : {}),
    maxBytes: MAX_REPORT_BYTES,
    refuse: (why) => {
      switch (why.kind) {
        case "dangling-link":
          return why.cause instanceof Error ? why.cause : new Refused(NOT_REGULAR);
        case "link-out":
          return new Refused("is a symbolic link out of the reports directory; links are not followed out of it");
        case "not-regular":
          return new Refused(NOT_REGULAR);
        case "too-large":
          return new Refused(`is ${why.size} bytes; a host report is at most ${MAX_REPORT_BYTES} bytes`);
      }
    },
  });
}

/**
 * Host report files on this machine. Files are read into one reused buffer (2,000 reports of a
 * megabyte each would otherwise keep the garbage collector busy), one at a time, and each distinct
 * closure's bytes are kept once, so that a closure seen before is recognised by comparing bytes.
 * Every list and read is bounded by `timeoutMs` (a hung mount is a gap, not a hang), or by the timeout
 * a read is given (a fleet-file host's own timeoutSeconds).
 */
export function reportFiles(cwd: string, timeoutMs = 60_000): ReportFiles {
  const byDefault: ReadTimeout = { ms: timeoutMs, setting: "--timeout" };
  let scratch = Buffer.alloc(1 << 20);
  let queue: Promise<unknown> = Promise.resolve();
  /** The directory each listed file came from: links there must stay inside it. */
  const listedFrom = new Map<string, string>();
  const known = new Map<string, Buffer[]>();
  /** The kept copy of these bytes and its id: equal ids, equal bytes. */
  const keep = (bytes: Buffer): { id: string; kept: Buffer } => {
    const bucket = sampleKey(bytes);
    const same = known.get(bucket) ?? [];
    let i = same.findIndex((k) => k.equals(bytes));
    if (i < 0) {
      i = same.push(Buffer.from(bytes)) - 1;
      known.set(bucket, same);
    }
    return { id: `${bucket}#${i}`, kept: same[i] ?? bytes };
  };
  /** Each reports directory's real path, asked once (not once per report). */
  const realDirs = new Map<string, Promise<string>>();
  const realDir = (dir: string): Promise<string> => {
    const abs = path.resolve(cwd, dir);
    const known = realDirs.get(abs) ?? realpath(abs);
    realDirs.set(abs, known);
    return known;
  };
  const readWhole = async (file: string): Promise<Buffer> => {
    const dir = listedFrom.get(file);
    const { fh, size } = await openRegular(path.resolve(cwd, file), dir !== undefined ? await realDir(dir) : undefined);
    try {
      if (size > scratch.length) scratch = Buffer.alloc(Math.max(size, scratch.length * 2));
      const into = scratch;
      let n = 0;
      while (n < size) {
        const { bytesRead } = await fh.read(into, n, size - n, n);
        if (bytesRead === 0) break;
        n += bytesRead;
      }
      return into.subarray(0, n);
    } finally {
      await fh.close();
    }
  };
  /** One read at a time into the scratch buffer; a read that timed out leaves it to its late writer. */
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    async list(dir) {
      try {
        const names = await within(byDefault, "listing the directory", readdir(path.resolve(cwd, dir)));
        const files = names
          .filter((n) => n.endsWith(".json"))
          .sort()
          .map((n) => path.join(dir, n));
        for (const f of files) listedFrom.set(f, dir);
        return files;
      } catch (e) {
        throw unreadable(dir, e);
      }
    },
    read: (file, timeout = byDefault) =>
      serially(async (): Promise<ReportBytes> => {
        let buf: Buffer;
        try {
          buf = await within(timeout, "reading the report", readWhole(file));
        } catch (e) {
          if (e instanceof TimedOut) scratch = Buffer.alloc(1 << 20);
          throw unreadable(file, e);
        }
        const split = splitReport(buf);
        const closure = split.closure !== undefined ? keep(split.closure) : undefined;
        return {
          origin: file,
          header: split.header,
          closureId: closure?.id ?? "none",
          closureText: () => closure?.kept.toString("utf8") ?? "",
        };
      }),
  };
}
