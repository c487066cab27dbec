import { isNix32, toBase16, toNix32, type Hash } from "./hash.js";
import { err, ok, type Result } from "../result.js";
import { sha256, sha256Prefix, utf8, type Sha256 } from "./sha256.js";

// Index `!`s here: tsc (noUncheckedIndexedAccess) cannot see that loop-bounded indexes into
// fixed-size arrays are in range, and a `?? 0` per access would slow this hot loop.

export const DEFAULT_STORE_DIR = "/nix/store";
const NAME_RE = /^[A-Za-z0-9+\-._?=]{1,211}$/;
// Store directories are plain absolute paths. Holding them to this set keeps every store path a
// string that needs no escaping in JSON, XML or Markdown, which the SBOM writer relies on.
const DIR_RE = /^\/[A-Za-z0-9+\-._/]*$/;

/** A parsed store path, e.g. `{ storeDir: "/nix/store", hash: "2cg9…gwn", name: "source" }`. */
export interface StorePath {
  readonly storeDir: string;
  /** 32 nix32 characters. */
  readonly hash: string;
  readonly name: string;
}

export const formatStorePath = (p: StorePath): string => `${p.storeDir}/${p.hash}-${p.name}`;

/** XOR-folds a digest into `size` bytes, as Nix's compressHash. */
export function compressHash(digest: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < digest.length; i++) out[i % size]! ^= digest[i]!;
  return out;
}

const HEX_CODES = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
// Scratch space for fingerprints (the domain runs on one thread); a longer one gets its own.
const FINGERPRINT = new Uint8Array(512);

/** Copies ASCII `s` into `out` at `at`; false (nothing promised) when `s` is not ASCII or does not fit. */
function putAscii(out: Uint8Array, at: number, s: string): boolean {
  if (at + s.length > out.length) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return false;
    out[at + i] = c;
  }
  return true;
}

/**
 * The fingerprint's bytes, written straight into scratch space (an SBOM makes one per input): the
 * same bytes as utf8 of the string, which is the path taken when a part is not ASCII.
 */
function fingerprintBytes(type: string, hash: Hash, name: string, storeDir: string): [Uint8Array, number] {
  const head = `${type}:${hash.algo}:`;
  const tail = `:${storeDir}:${name}`;
  const hexAt = head.length;
  const tailAt = hexAt + hash.bytes.length * 2;
  if (putAscii(FINGERPRINT, 0, head) && putAscii(FINGERPRINT, tailAt, tail)) {
    for (let i = 0; i < hash.bytes.length; i++) {
      const b = hash.bytes[i]!;
      FINGERPRINT[hexAt + 2 * i] = HEX_CODES[b >> 4]!;
      FINGERPRINT[hexAt + 2 * i + 1] = HEX_CODES[b & 15]!;
    }
    return [FINGERPRINT, tailAt + tail.length];
  }
  const bytes = utf8(`${head}${toBase16(hash.bytes)}${tail}`);
  return [bytes, bytes.length];
}

/**
 * makeStorePath(type, hash, name): the fingerprint is `type:algo:base16:storeDir:name`. `digest`: a
 * faster SHA-256 than the domain's own, when the caller has one (the result is the same).
 */
export function makeStorePath(
  type: string,
  hash: Hash,
  name: string,
  storeDir = DEFAULT_STORE_DIR,
  digest?: Sha256,
): StorePath {
  const [bytes, length] = fingerprintBytes(type, hash, name, storeDir);
  const sum = digest !== undefined ? digest(bytes.subarray(0, length)) : sha256Prefix(bytes, length);
  return { storeDir, hash: toNix32(compressHash(sum, 20)), name };
}

/**
 * The store path of a fetched flake input: a recursive (NAR) fixed-output path with no references,
 * named `source` unless the input has a `name` attribute (nix-formats.md §4.2).
 */
export function sourceStorePath(
  narHash: Hash,
  name = "source",
  storeDir = DEFAULT_STORE_DIR,
  digest?: Sha256,
): StorePath {
  if (narHash.algo === "sha256") return makeStorePath("source", narHash, name, storeDir, digest);
  const inner = utf8(`fixed:out:r:${narHash.algo}:${toBase16(narHash.bytes)}:`);
  const bytes = (digest ?? sha256)(inner);
  return makeStorePath("output:out", { algo: "sha256", bytes }, name, storeDir, digest);
}

/**
 * Parses `/nix/store/<32 nix32 chars>-<name>`. The store directory is whatever precedes the last
 * path segment unless `storeDir` is given, in which case it must match.
 */
export function parseStorePath(text: string, storeDir?: string): Result<StorePath, string> {
  const slash = text.lastIndexOf("/");
  if (slash <= 0) return err("expected an absolute store path like /nix/store/<hash>-<name>");
  const dir = text.slice(0, slash);
  // `.`, `..` and empty segments: nix canonicalises them away, and a path that leaves the store is
  // then read as a flake reference (path:…), which copies or evaluates what it names.
  if (!DIR_RE.test(dir) || /\/\.{0,2}(?:\/|$)/.test(dir))
    return err(`store directory '${dir}' is not a plain absolute path (no '.', '..' or empty segments)`);
  if (storeDir !== undefined && dir !== storeDir) return err(`expected a path in ${storeDir}, found one in ${dir}`);
  const base = text.slice(slash + 1);
  const hash = base.slice(0, 32);
  if (base.length < 34 || base[32] !== "-") return err("expected <32-character hash>-<name> after the store directory");
  if (!isNix32(hash)) return err(`store path hash '${hash}' is not 32 nix32 characters`);
  const name = base.slice(33);
  if (!NAME_RE.test(name) || name === "." || name === "..")
    return err(`store path name '${name}' has characters Nix does not allow`);
  return ok({ storeDir: dir, hash, name });
}

/**
 * Why `text` is not a store path in `storeDir`, or undefined: parseStorePath's checks without its
 * allocations, for the 100,000 paths of a closure.
 */
export function storePathProblem(text: string, storeDir: string | undefined): string | undefined {
  if (
    storeDir === undefined ||
    !text.startsWith(storeDir) ||
    text.charCodeAt(storeDir.length) !== 47 ||
    text.indexOf("/", storeDir.length + 1) >= 0
  ) {
    const r = parseStorePath(text, storeDir);
    return r.ok ? undefined : r.error;
  }
  const base = storeDir.length + 1;
  if (text.length < base + 34 || text.charCodeAt(base + 32) !== 45 /* - */)
    return "expected <32-character hash>-<name> after the store directory";
  if (!isNix32(text.slice(base, base + 32)))
    return `store path hash '${text.slice(base, base + 32)}' is not 32 nix32 characters`;
  const name = text.slice(base + 33);
  if (!NAME_RE.test(name) || name === "." || name === "..")
    return `store path name '${name}' has characters Nix does not allow`;
  return undefined;
}
