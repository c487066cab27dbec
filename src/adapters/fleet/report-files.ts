import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../../app/errors.js";
import type { ReportBytes, ReportFiles } from "../../app/fleet-ports.js";

const KEY = Buffer.from('"closure":');
const CLOSE = 0x7d; // }

/**
 * Splits `{…,"closure":<value>}` into the header (with `"closure":null}`) and the value's bytes, without
 * parsing the value: thousands of hosts share a few closures, and hashing bytes is far cheaper than
 * parsing JSON. The split is sound only when the header parses as an object and the value parses on
 * its own (the caller checks both); otherwise the whole text is the header and the closure is read from it.
 */
export function splitReport(buf: Buffer): { header: string; closure?: Buffer } {
  const at = buf.lastIndexOf(KEY);
  const end = buf.lastIndexOf(CLOSE);
  if (at < 0 || end < at) return { header: buf.toString("utf8") };
  const header = `${buf.subarray(0, at).toString("utf8")}"closure":null}`;
  return { header, closure: buf.subarray(at + KEY.length, end) };
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

/** Host report files on this machine. */
export function reportFiles(cwd: string): ReportFiles {
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
        buf = await readFile(path.resolve(cwd, file));
      } catch (e) {
        throw unreadable(file, e);
      }
      const split = splitReport(buf);
      const closure = split.closure ?? Buffer.alloc(0);
      return {
        origin: file,
        header: split.header,
        closureDigest: createHash("sha256").update(closure).digest("hex"),
        closureText: () => closure.toString("utf8"),
      };
    },
  };
}
