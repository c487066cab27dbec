import { parseContentAddress, type CaMethod, type ContentAddress } from "../../domain/nix/content-address.js";
import type { PathInfo, Signature } from "../../domain/closure/closure.js";
import { parseHash, type Hash } from "../../domain/nix/hash.js";
import { describeReceived, escapePointerToken as esc, type InputIssue } from "../issues.js";

/** How one entry's fields are spelled in the shape being read. */
export interface EntryContext {
  readonly origin: string;
  /** The entry's JSON pointer, made only when there is an issue to report. */
  readonly pointer: () => string;
  readonly shapeLabel: string;
  /** Formats 2 and 3 write references and deriver as base names. */
  readonly baseNames: boolean;
  readonly storeDir: string;
}

type Obj = Record<string, unknown>;
const METHODS: readonly CaMethod[] = ["nar", "flat", "text", "git"];
const caMethod = (m: unknown): CaMethod | undefined => METHODS.find((x) => x === m);
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const asObj = (v: unknown): Obj | undefined => (isObject(v) ? v : undefined);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

// Hash texts that always decode: recognised cheaply, decoded only when a writer needs the bytes.
const EASY_HASH = /^(?:sha256-[A-Za-z0-9+/]{43}=?|sha256:[01][0-9a-df-np-sv-z]{51})$/;

function decodeHash(text: string): Hash {
  const r = parseHash(text);
  if (!r.ok) throw new Error(`a validated narHash did not decode: ${text}`);
  return r.value;
}

/**
 * A PathInfo whose narHash and signatures are decoded when read, and not kept: a closure has 100,000
 * entries, tracing reads few of them, and an SBOM writer reads each once, so the decoded forms can
 * die young instead of living (and being copied by the garbage collector) for the whole run.
 */
class EntryInfo implements PathInfo {
  readonly path: string;
  readonly references: readonly string[];
  narSize?: number;
  deriver?: string;
  ca?: ContentAddress;
  registrationTime?: number;
  ultimate?: boolean;
  closureSize?: number;
  readonly #narHash: Hash | string;
  readonly #signatures: readonly unknown[];

  constructor(path: string, narHash: Hash | string, references: readonly string[], signatures: readonly unknown[]) {
    this.path = path;
    this.#narHash = narHash;
    this.references = references;
    this.#signatures = signatures;
  }

  get narHash(): Hash {
    return typeof this.#narHash === "string" ? decodeHash(this.#narHash) : this.#narHash;
  }

  get signatures(): readonly Signature[] {
    // Checked by checkSignatures when the entry was made: none is dropped here.
    return this.#signatures.flatMap((s) => toSignature(s) ?? []);
  }
}

interface Problem {
  readonly field: string;
  readonly message: string;
  readonly expected: string;
  readonly example?: string;
}

function report(o: Obj, ctx: EntryContext, issues: InputIssue[], p: Problem): void {
  issues.push({
    origin: ctx.origin,
    pointer: `${ctx.pointer()}/${esc(p.field)}`,
    message: `${p.message} (in ${ctx.shapeLabel} path-info)`,
    expected: p.expected,
    ...(p.example !== undefined ? { example: p.example } : {}),
    received: describeReceived(o[p.field]),
  });
}

const isStringArray = (v: unknown): v is string[] => {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== "string") return false;
  return true;
};
const optionalCount = (v: unknown): boolean => v === undefined || v === null || isCount(v);

/**
 * Normalises one path-info object into a PathInfo. Absent and null fields mean the same (Nix 2.23+
 * writes null where older versions omit the field). Problems are collected, not thrown.
 */
export function normalizeEntry(path: string, o: Obj, ctx: EntryContext, issues: InputIssue[]): PathInfo | undefined {
  const before = issues.length;
  const problem = (p: Problem): void => report(o, ctx, issues, p);
  const narHashText = o["narHash"];
  let narHash: Hash | string | undefined;
  if (typeof narHashText === "string" && EASY_HASH.test(narHashText)) narHash = narHashText;
  else {
    const h = typeof narHashText === "string" ? parseHash(narHashText) : undefined;
    if (h?.ok) narHash = h.value;
    else
      problem({
        field: "narHash",
        message: "narHash is missing or not a hash",
        expected: "an SRI hash or sha256:<nix32>",
        example: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=",
      });
  }
  const refs = o["references"] ?? [];
  if (!isStringArray(refs))
    problem({
      field: "references",
      message: "references must be a list of store paths",
      expected: "an array of strings",
    });
  for (const field of ["narSize", "registrationTime", "closureSize"]) {
    if (!optionalCount(o[field]))
      problem({ field, message: `${field} must be a non-negative integer`, expected: "a whole number" });
  }
  const deriverRaw = o["deriver"];
  if (deriverRaw !== undefined && deriverRaw !== null && typeof deriverRaw !== "string")
    problem({ field: "deriver", message: "deriver must be a store path", expected: "a string or null" });
  const ultimate = o["ultimate"];
  if (ultimate !== undefined && ultimate !== null && typeof ultimate !== "boolean")
    problem({ field: "ultimate", message: "ultimate must be a boolean", expected: "true or false" });
  const ca = readCa(o["ca"]);
  if (ca === false)
    problem({
      field: "ca",
      message: "ca is not a content address",
      expected: "fixed:r:sha256:<nix32>, text:sha256:<nix32> or {method, hash}",
    });
  const sigs = o["signatures"] ?? [];
  if (!Array.isArray(sigs))
    problem({
      field: "signatures",
      message: "signatures must be a list",
      expected: 'a list of strings "key:sig" or of objects {keyName, sig}',
    });
  else checkSignatures(sigs, ctx, issues);
  if (issues.length > before || narHash === undefined || !isStringArray(refs) || !Array.isArray(sigs)) return undefined;
  const full = (p: string): string => (p.startsWith("/") ? p : `${ctx.storeDir}/${p}`);
  // References stay in the order Nix printed them (sorted in every version).
  const info = new EntryInfo(path, narHash, ctx.baseNames ? refs.map(full) : refs, sigs);
  if (isCount(o["narSize"])) info.narSize = o["narSize"];
  if (typeof deriverRaw === "string") info.deriver = ctx.baseNames ? full(deriverRaw) : deriverRaw;
  if (ca !== undefined && ca !== false) info.ca = ca;
  if (isCount(o["registrationTime"])) info.registrationTime = o["registrationTime"];
  if (typeof ultimate === "boolean") info.ultimate = ultimate;
  if (isCount(o["closureSize"])) info.closureSize = o["closureSize"];
  return info;
}

/**
 * Each signature is a string or `{keyName, sig}`. The text itself is not judged here: Nix keeps
 * signature strings as it finds them (its own test data signs with "asdf"), and the signature audit
 * says which are malformed.
 */
function checkSignatures(sigs: readonly unknown[], ctx: EntryContext, issues: InputIssue[]): void {
  for (let i = 0; i < sigs.length; i++) {
    if (toSignature(sigs[i]) !== undefined) continue;
    const o = asObj(sigs[i]);
    issues.push({
      origin: ctx.origin,
      pointer: `${ctx.pointer()}/signatures/${i}`,
      message: `${o === undefined ? "a signature must be a string or an object" : "a signature object needs string keyName and sig"} (in ${ctx.shapeLabel} path-info)`,
      expected: '"key-name:base64" or {"keyName": "key-name", "sig": "base64"}',
      received: describeReceived(sigs[i]),
    });
  }
}

/**
 * `key:sig` text (older formats) or `{keyName, sig}` (format 3); undefined when neither. Text without a
 * key name before a ':' is kept with an empty keyName, as Nix's split reads it: no key matches it.
 */
function toSignature(s: unknown): Signature | undefined {
  if (typeof s === "string") {
    const colon = s.indexOf(":");
    return colon > 0 ? { keyName: s.slice(0, colon), sig: s.slice(colon + 1) } : { keyName: "", sig: s };
  }
  const o = asObj(s);
  const [keyName, sig] = [o?.["keyName"], o?.["sig"]];
  return typeof keyName === "string" && typeof sig === "string" ? { keyName, sig } : undefined;
}

/** The content address, undefined when absent, false when malformed. */
function readCa(v: unknown): ContentAddress | undefined | false {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") {
    const r = parseContentAddress(v);
    if (r.ok) return r.value;
  } else {
    const o = asObj(v);
    const method = caMethod(o?.["method"]);
    const hash = o?.["hash"];
    const h = typeof hash === "string" ? parseHash(hash) : undefined;
    if (method !== undefined && h?.ok) return { method, hash: h.value };
  }
  return false;
}
