import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../../app/errors.js";
import type { ReportBytes, ReportFiles } from "../../app/fleet-ports.js";

const KEY = Buffer.from('"closure":');
const CLOSE = 0x7d; // }

/** Whether `text` is a JSON object: the header test that tells a top-level `"closure":` from a nested one. */
function isObjectText(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === "object" && !Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * Splits `{…,"closure":<value>}` into the header (with `"closure":null}`) and the value's bytes, without
 * parsing the value: thousands of hosts share a few closures, and comparing bytes is far cheaper than
 * parsing JSON. A `"closure":` is the top-level key when the text before it, closed with
 * `"closure":null}`, is a JSON object; the caller still parses the value. Otherwise the whole text is the header.
 */
export function splitReport(buf: Buffer): { header: string; closure?: Buffer } {
  const end = buf.lastIndexOf(CLOSE);
  for (let at = buf.indexOf(KEY); at >= 0 && at < end; at = buf.indexOf(KEY, at + 1)) {
    const header = `${buf.subarray(0, at).toString("utf8")}"closure":null}`;
    if (isObjectText(header)) return { header, closure: buf.subarray(at + KEY.length, end) };
  }
  return { header: buf.toString("utf8") };
}

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

const unreadable = (file: string, e: unknown): InputError =>
  new InputError([
    {
      origin: file,
      pointer: "",
      message: `cannot read: ${e instanceof Error ? e.message : String(e)}`,
      next: "check the path; reports are written by flake-audit host-report",
    },
  ]);

/**
 * Host report files on this machine. Files are read into one reused buffer (2,000 reports of a
 * megabyte each would otherwise keep the garbage collector busy), and each distinct closure's bytes
 * are kept once, so that a closure seen before is recognised by comparing bytes.
 */
export function reportFiles(cwd: string): ReportFiles {
  let scratch = Buffer.alloc(1 << 20);
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
  const readWhole = (file: string): Buffer => {
    const fd = openSync(path.resolve(cwd, file), "r");
    try {
      const size = fstatSync(fd).size;
      if (size > scratch.length) scratch = Buffer.alloc(Math.max(size, scratch.length * 2));
      let n = 0;
      while (n < size) {
        const r = readSync(fd, scratch, n, size - n, n);
        if (r === 0) break;
        n += r;
      }
      return scratch.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  };
  return {
    async list(dir) {
      try {
        const names = await readdir(path.resolve(cwd, dir));
        return names
          .filter((n) => n.endsWith(".json"))
          .sort()
          .map((n) => path.join(dir, n));
      } catch (e) {
        throw unreadable(dir, e);
      }
    },
    async read(file): Promise<ReportBytes> {
      let buf: Buffer;
      try {
        buf = readWhole(file);
      } catch (e) {
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
    },
  };
}
