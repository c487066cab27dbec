import { NIX32_ALPHABET } from "../nix/hash.js";

// Index `!`s here: tsc (noUncheckedIndexedAccess) cannot see that ids below the path count, and
// offsets taken from refStart, are in range of the typed arrays they index; checks would slow the walks.

/**
 * The reference graph of a closure over integer ids, in compressed-sparse-row form: path i
 * references refIds[refStart[i] .. refStart[i+1]). Ids 0..described-1 are the described paths;
 * ids above are referenced paths the data does not describe. A closure of 100,000 paths has about
 * a million references, so the graph avoids per-edge objects and string hashing.
 */
export interface ClosureGraph {
  readonly paths: readonly string[];
  /** How many of `paths` the data describes. */
  readonly described: number;
  readonly refStart: Int32Array;
  readonly refIds: Int32Array;
}

const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < NIX32_ALPHABET.length; i++) DIGIT[NIX32_ALPHABET.charCodeAt(i)] = i;

/**
 * Maps store paths to ids by their hash part, as Nix's own store does (`queryPathFromHashPart`).
 * A lookup reads twelve of the 32 hash characters (the first six as the map key, the last six as a
 * check) and the length, instead of hashing and comparing 60-character strings: a closure of
 * 100,000 paths has a million references, and reading them is most of what tracing costs.
 */
export class PathIds {
  readonly paths: string[] = [];
  // Per id: the two 30-bit words read from the hash part. The table is open addressing over
  // typed arrays (slot → id + 1), which stays in cache where a Map of 100,000 entries does not.
  #heads = new Int32Array(1024);
  #tails = new Int32Array(1024);
  #lengths = new Int32Array(1024);
  #slots = new Int32Array(2048);
  readonly #offset: number;

  constructor(storeDir: string) {
    this.#offset = storeDir.length + 1;
  }

  #word(p: string, at: number): number {
    let k = 0;
    for (let i = at; i < at + 6; i++) k = (k << 5) | ((DIGIT[p.charCodeAt(i)] ?? 0) & 31);
    return k;
  }

  #slotOf(head: number): number {
    return Math.imul(head, 0x9e3779b1) >>> 0;
  }

  get(p: string): number | undefined {
    const head = this.#word(p, this.#offset);
    const tail = this.#word(p, this.#offset + 26);
    const mask = this.#slots.length - 1;
    for (let s = this.#slotOf(head) & mask; ; s = (s + 1) & mask) {
      const v = this.#slots[s]!;
      if (v === 0) return undefined;
      const id = v - 1;
      if (this.#heads[id] === head && this.#tails[id] === tail && this.#lengths[id] === p.length) return id;
    }
  }

  /** The id of `p`, adding it when new. */
  intern(p: string): number {
    const found = this.get(p);
    if (found !== undefined) return found;
    const id = this.paths.length;
    if (id >= this.#heads.length) {
      this.#heads = grow(this.#heads);
      this.#tails = grow(this.#tails);
      this.#lengths = grow(this.#lengths);
    }
    this.paths.push(p);
    this.#heads[id] = this.#word(p, this.#offset);
    this.#tails[id] = this.#word(p, this.#offset + 26);
    this.#lengths[id] = p.length;
    if ((id + 1) * 2 > this.#slots.length) this.#rehash(this.#slots.length * 2);
    else this.#place(id);
    return id;
  }

  #place(id: number): void {
    const mask = this.#slots.length - 1;
    let s = this.#slotOf(this.#heads[id]!) & mask;
    while (this.#slots[s] !== 0) s = (s + 1) & mask;
    this.#slots[s] = id + 1;
  }

  #rehash(size: number): void {
    this.#slots = new Int32Array(size);
    for (let id = 0; id < this.paths.length; id++) this.#place(id);
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Builds the graph from each described path's references (already in id order of `ids`). */
export function buildClosureGraph(
  ids: PathIds,
  described: number,
  referencesOf: (id: number) => readonly string[],
): ClosureGraph {
  let total = 0;
  for (let i = 0; i < described; i++) total += referencesOf(i).length;
  const refStart = new Int32Array(described + 1);
  const refIds = new Int32Array(total);
  let k = 0;
  for (let i = 0; i < described; i++) {
    refStart[i] = k;
    const refs = referencesOf(i);
    for (let j = 0; j < refs.length; j++) refIds[k++] = ids.intern(refs[j]!);
  }
  refStart[described] = k;
  return { paths: ids.paths, described, refStart, refIds };
}

/** For each id, the ids that reference it (self-references dropped), in CSR form. */
export function referrers(g: ClosureGraph): { readonly start: Int32Array; readonly ids: Int32Array } {
  const n = g.paths.length;
  const count = new Int32Array(n + 1);
  for (let i = 0; i < g.described; i++)
    for (let k = g.refStart[i]!; k < g.refStart[i + 1]!; k++) if (g.refIds[k] !== i) count[g.refIds[k]! + 1]!++;
  for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
  const start = count.slice();
  const ids = new Int32Array(count[n]!);
  const fill = count.slice(0, n);
  for (let i = 0; i < g.described; i++)
    for (let k = g.refStart[i]!; k < g.refStart[i + 1]!; k++) if (g.refIds[k] !== i) ids[fill[g.refIds[k]!]!++] = i;
  return { start, ids };
}

/** Described paths that no other path references: the tops of the closure. */
export function rootIds(g: ClosureGraph): number[] {
  const referenced = new Uint8Array(g.paths.length);
  for (let i = 0; i < g.described; i++)
    for (let k = g.refStart[i]!; k < g.refStart[i + 1]!; k++) if (g.refIds[k] !== i) referenced[g.refIds[k]!] = 1;
  const out: number[] = [];
  for (let i = 0; i < g.described; i++) if (referenced[i] === 0) out.push(i);
  return out;
}
