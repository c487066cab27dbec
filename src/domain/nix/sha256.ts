/**
 * SHA-256 (FIPS 180-4) over bytes. The domain must stay free of node:crypto, and the only
 * digests it needs are store-path fingerprints of a few hundred bytes, so a small pure
 * implementation is enough; test/domain/store-path.test.ts ("sha256") checks it against node:crypto.
 */
// Index `!`s here: tsc (noUncheckedIndexedAccess) cannot see that loop-bounded indexes into
// fixed-size arrays are in range, and a `?? 0` per access would slow this hot loop.
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

// The rotations are written out (x >>> n | x << 32 - n) rather than called: a run hashes a few
// hundred fingerprints before V8 compiles this loop, and the interpreter does not inline calls
// (a helper function made the cold hash ~2x slower). Words are kept as signed 32-bit integers (`| 0`,
// Int32Array) rather than unsigned (`>>> 0`): the same bits, and none above 2^31 for V8 to box (~13% faster cold).
function compress(h: Int32Array, w: Int32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const o = offset + i * 4;
    w[i] = (block[o]! << 24) | (block[o + 1]! << 16) | (block[o + 2]! << 8) | block[o + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = h[0]!,
    b = h[1]!,
    c = h[2]!,
    d = h[3]!,
    e = h[4]!,
    f = h[5]!,
    g = h[6]!,
    k = h[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (k + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + k) | 0;
}

const INITIAL = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
// The message schedule is scratch space, reused by every call (the domain runs on one thread).
const W = new Int32Array(64);

const putUint32 = (out: Uint8Array, at: number, v: number): void => {
  out[at] = v >>> 24;
  out[at + 1] = v >>> 16;
  out[at + 2] = v >>> 8;
  out[at + 3] = v;
};

/**
 * A SHA-256 function, for callers that have a faster one than this file's (node:crypto's, given by
 * the CLI through its use cases): this one runs in V8's interpreter for the few hundred hashes of a
 * small run, ~1M instructions per store path, which was a tenth of a small lock's SBOM.
 */
export type Sha256 = (data: Uint8Array) => Uint8Array;

export function sha256(data: Uint8Array): Uint8Array {
  return sha256Prefix(data, data.length);
}

/**
 * SHA-256 of `data`'s first `length` bytes, so that a caller can hash a reused scratch buffer. The
 * padded message is scratch too when it fits (a store-path fingerprint always does).
 */
export function sha256Prefix(data: Uint8Array, length: number): Uint8Array {
  const h = INITIAL.slice();
  const size = Math.ceil((length + 9) / 64) * 64;
  const padded = size <= PADDED.length ? PADDED.fill(0, length, size) : new Uint8Array(size);
  padded.set(length === data.length ? data : data.subarray(0, length));
  padded[length] = 0x80;
  const bits = length * 8;
  putUint32(padded, size - 8, Math.floor(bits / 2 ** 32));
  putUint32(padded, size - 4, bits >>> 0);
  for (let off = 0; off < size; off += 64) compress(h, W, padded, off);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) putUint32(out, i * 4, h[i]!);
  return out;
}

const PADDED = new Uint8Array(1024);

const ENCODER = new TextEncoder();

/** UTF-8 bytes of `s`; store-path fingerprints are ASCII, which is copied without TextEncoder's call cost. */
export function utf8(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return ENCODER.encode(s);
    out[i] = c;
  }
  return out;
}
