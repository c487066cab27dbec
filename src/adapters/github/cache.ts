import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * A directory of small JSON files under $XDG_CACHE_HOME/flake-audit (or ~/.cache/flake-audit).
 * Entries are written atomically; an unreadable or corrupt entry reads as missing and is simply
 * rewritten. Only upstream facts are stored: never a token or a request.
 */
export interface DiskCache {
  get(kind: string, key: string): unknown;
  set(kind: string, key: string, value: unknown): void;
}

export function cacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const xdg = env["XDG_CACHE_HOME"];
  if (xdg !== undefined && xdg !== "") return path.join(xdg, "flake-audit");
  const home = env["HOME"];
  return home !== undefined && home !== "" ? path.join(home, ".cache", "flake-audit") : undefined;
}

// Keys are host/owner/repo/sha and the like; anything outside a plain alphabet is escaped so a
// crafted owner name cannot walk out of the cache directory.
const safe = (part: string): string =>
  part
    .replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`)
    .replace(/^\.+/, (d) => "%2e".repeat(d.length));

export function diskCache(root: string | undefined): DiskCache {
  const file = (kind: string, key: string): string | undefined =>
    root === undefined ? undefined : `${path.join(root, "v1", safe(kind), ...key.split("/").map(safe))}.json`;
  return {
    get(kind, key) {
      const f = file(kind, key);
      if (f === undefined) return undefined;
      const text = readRegularFile(f, MAX_ENTRY_BYTES);
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    },
    set(kind, key, value) {
      const f = file(kind, key);
      if (f === undefined) return;
      try {
        mkdirSync(path.dirname(f), { recursive: true });
        const tmp = `${f}.${randomBytes(4).toString("hex")}.tmp`;
        writeFileSync(tmp, JSON.stringify(value));
        renameSync(tmp, f);
      } catch {
        // A cache that cannot be written only costs a later request.
      }
    },
  };
}

/** The largest entry read: a 500-commit comparison is about 150 KB. */
export const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/**
 * The text of `file` when it is a regular file of at most `maxBytes`, else undefined. Opened
 * without following a final symlink and without blocking (a FIFO would otherwise wait for a
 * writer forever), then checked on the open descriptor, so nothing can be swapped in between.
 */
export function readRegularFile(file: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = Buffer.alloc(st.size);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read).toString("utf8");
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A cache that holds nothing (`--no-cache`). */
export const noCache: DiskCache = { get: () => undefined, set: () => undefined };
