import { err, ok, type Result } from "../result.js";

// Index `!`s here: tsc (noUncheckedIndexedAccess) cannot see that loop-bounded indexes into
// fixed-size arrays are in range, and a `?? 0` per access would slow this hot loop.

/** Hash algorithms Nix prints and accepts. */
export const HASH_SIZES = { md5: 16, sha1: 20, sha256: 32, sha512: 64 } as const;
export type HashAlgo = keyof typeof HASH_SIZES;

/** A decoded digest, e.g. `{ algo: "sha256", bytes: <32 bytes> }`. */
export interface Hash {
  readonly algo: HashAlgo;
  readonly bytes: Uint8Array;
}

/** Nix's base-32 alphabet: digits and a–z without e, o, u, t. */
export const NIX32_ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// Lookup tables by char code (-1: not in the alphabet); typed arrays keep the decoders cheap.
const table = (alphabet: string): Int8Array => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
};
const NIX32_INDEX = table(NIX32_ALPHABET);
const B64_INDEX = table(B64);

/** Whether every character of `s` is in Nix's base-32 alphabet. */
export function isNix32(s: string): boolean {
  for (let i = 0; i < s.length; i++) if ((NIX32_INDEX[s.charCodeAt(i)] ?? -1) < 0) return false;
  return true;
}

export const isHashAlgo = (s: string): s is HashAlgo => Object.hasOwn(HASH_SIZES, s);
export const nix32Length = (size: number): number => Math.ceil((size * 8) / 5);
export const base64Length = (size: number): number => 4 * Math.ceil(size / 3);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function toBase16(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!]!;
  return s;
}

/** Nix32 treats the bytes as a little-endian number printed most significant digit first. */
const NIX32_CODES = Array.from(NIX32_ALPHABET, (c) => c.charCodeAt(0));

export function toNix32(bytes: Uint8Array): string {
  const len = nix32Length(bytes.length);
  const codes = new Array<number>(len);
  for (let n = len - 1; n >= 0; n--) {
    const b = n * 5;
    const i = b >> 3;
    const j = b & 7;
    const c = (bytes[i]! >> j) | (i + 1 < bytes.length ? bytes[i + 1]! << (8 - j) : 0);
    codes[len - 1 - n] = NIX32_CODES[c & 31]!;
  }
  return String.fromCharCode(...codes);
}

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    s += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : "=";
    s += i + 2 < bytes.length ? B64[n & 63]! : "=";
  }
  return s;
}

export const toSri = (h: Hash): string => `${h.algo}-${toBase64(h.bytes)}`;
export const toPrefixedNix32 = (h: Hash): string => `${h.algo}:${toNix32(h.bytes)}`;

export function fromBase16(s: string, size: number): Uint8Array | undefined {
  if (s.length !== size * 2 || !/^[0-9a-fA-F]*$/.test(s)) return undefined;
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Decodes nix32 with Nix's overflow check on the leading character. */
export function fromNix32(s: string, size: number): Uint8Array | undefined {
  if (s.length !== nix32Length(size)) return undefined;
  const out = new Uint8Array(size);
  for (let n = 0; n < s.length; n++) {
    const digit = NIX32_INDEX[s.charCodeAt(s.length - n - 1)] ?? -1;
    if (digit < 0) return undefined;
    const b = n * 5;
    const i = b >> 3;
    const j = b & 7;
    out[i]! |= (digit << j) & 0xff;
    const carry = digit >> (8 - j);
    if (i < size - 1) out[i + 1]! |= carry;
    else if (carry !== 0) return undefined;
  }
  return out;
}

/** Lenient like Nix: stops at the first `=`, ignores newlines, padding optional. */
export function fromBase64(s: string, size: number): Uint8Array | undefined {
  const out = new Uint8Array(size);
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 61 /* = */) break;
    if (code === 10 /* \n */) continue;
    const v = B64_INDEX[code] ?? -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (n === size) return undefined;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return n === size ? out : undefined;
}

/** Decodes a bare digest whose encoding is told by its length, as Nix's `baseFromSize` does. */
export function decodeByLength(s: string, algo: HashAlgo): Uint8Array | undefined {
  const size = HASH_SIZES[algo];
  if (s.length === size * 2) return fromBase16(s, size);
  if (s.length === nix32Length(size)) return fromNix32(s, size);
  if (s.length === base64Length(size)) return fromBase64(s, size);
  return undefined;
}

/**
 * Parses `sha256-<base64>` (SRI), `sha256:<base16|nix32|base64>` (prefixed) or, when the algorithm
 * is known from context, a bare digest. Returns a reason when it cannot.
 */
export function parseHash(text: string, contextAlgo?: HashAlgo): Result<Hash, string> {
  const colon = text.indexOf(":");
  const dash = text.indexOf("-");
  let algoName: string | undefined;
  let rest: string;
  let sri = false;
  if (colon >= 0) {
    algoName = text.slice(0, colon);
    rest = text.slice(colon + 1);
  } else if (dash >= 0 && isHashAlgo(text.slice(0, dash))) {
    algoName = text.slice(0, dash);
    rest = text.slice(dash + 1);
    sri = true;
  } else {
    algoName = contextAlgo;
    rest = text;
  }
  if (algoName === undefined) return err("no hash algorithm given (expected e.g. sha256-… or sha256:…)");
  if (!isHashAlgo(algoName)) return err(`unknown hash algorithm '${algoName}'`);
  const size = HASH_SIZES[algoName];
  const bytes = sri ? fromBase64(rest, size) : decodeByLength(rest, algoName);
  if (bytes === undefined) {
    return err(sri ? `invalid base64 ${algoName} digest` : `invalid ${algoName} digest of length ${rest.length}`);
  }
  return ok({ algo: algoName, bytes });
}
