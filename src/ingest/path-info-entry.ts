import { parseContentAddress, type CaMethod, type ContentAddress } from "../domain/content-address.js";
import type { PathInfo, Signature } from "../domain/closure.js";
import { parseHash } from "../domain/hash.js";
import { describeReceived, escapePointerToken as esc, type InputIssue } from "./issues.js";

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
const METHODS: ReadonlySet<string> = new Set(["nar", "flat", "text", "git"]);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

/**
 * Normalises one path-info object into a PathInfo. Absent and null fields mean the same (Nix 2.23+
 * writes null where older versions omit the field). Problems are collected, not thrown.
 */
export function normalizeEntry(path: string, o: Obj, ctx: EntryContext, issues: InputIssue[]): PathInfo | undefined {
  const before = issues.length;
  const bad = (field: string, message: string, expected: string, example?: string): void => {
    issues.push({ origin: ctx.origin, pointer: `${ctx.pointer()}/${esc(field)}`, message: `${message} (in ${ctx.shapeLabel} path-info)`, expected, ...(example !== undefined ? { example } : {}), received: describeReceived(o[field]) });
  };
  const full = (p: string): string => (ctx.baseNames && !p.startsWith("/") ? `${ctx.storeDir}/${p}` : p);

  const narHashText = o["narHash"];
  const narHash = typeof narHashText === "string" ? parseHash(narHashText) : undefined;
  if (narHash === undefined || !narHash.ok) bad("narHash", "narHash is missing or not a hash", "an SRI hash or sha256:<nix32>", "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=");

  const refs = o["references"] ?? [];
  let references: string[] = [];
  if (!Array.isArray(refs) || !refs.every((r): r is string => typeof r === "string")) bad("references", "references must be a list of store paths", "an array of strings");
  else references = ctx.baseNames ? refs.map(full) : refs;

  const optCount = (field: string): number | undefined => {
    const v = o[field];
    if (v === undefined || v === null) return undefined;
    if (!isCount(v)) bad(field, `${field} must be a non-negative integer`, "a whole number");
    return isCount(v) ? v : undefined;
  };
  const narSize = optCount("narSize");
  const registrationTime = optCount("registrationTime");
  const closureSize = optCount("closureSize");

  const deriverRaw = o["deriver"];
  if (deriverRaw !== undefined && deriverRaw !== null && typeof deriverRaw !== "string") bad("deriver", "deriver must be a store path", "a string or null");
  const ultimate = o["ultimate"];
  if (ultimate !== undefined && ultimate !== null && typeof ultimate !== "boolean") bad("ultimate", "ultimate must be a boolean", "true or false");

  const ca = readCa(o["ca"], () => bad("ca", "ca is not a content address", "fixed:r:sha256:<nix32>, text:sha256:<nix32> or {method, hash}"));
  const signatures = readSignatures(o["signatures"], () => bad("signatures", "signatures must be a list", 'strings "key:sig" or objects {keyName, sig}'));
  if (issues.length > before || narHash === undefined || !narHash.ok) return undefined;
  // Built field by field: a closure has 100,000 of these, and spread temporaries add up.
  const info: { -readonly [K in keyof PathInfo]: PathInfo[K] } = { path, narHash: narHash.value, references: isSorted(references) ? references : [...references].sort(), signatures };
  if (narSize !== undefined) info.narSize = narSize;
  if (typeof deriverRaw === "string") info.deriver = full(deriverRaw);
  if (ca !== undefined) info.ca = ca;
  if (registrationTime !== undefined) info.registrationTime = registrationTime;
  if (typeof ultimate === "boolean") info.ultimate = ultimate;
  if (closureSize !== undefined) info.closureSize = closureSize;
  return info;
}

function isSorted(xs: readonly string[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i - 1]! > xs[i]!) return false;
  return true;
}

function readCa(v: unknown, fail: () => void): ContentAddress | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") {
    const r = parseContentAddress(v);
    if (r.ok) return r.value;
  } else if (typeof v === "object" && !Array.isArray(v)) {
    const { method, hash } = v as Obj;
    const h = typeof hash === "string" ? parseHash(hash) : undefined;
    if (typeof method === "string" && METHODS.has(method) && h?.ok) return { method: method as CaMethod, hash: h.value };
  }
  fail();
  return undefined;
}

function readSignatures(v: unknown, fail: () => void): Signature[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    fail();
    return [];
  }
  const out: Signature[] = [];
  for (const s of v) {
    if (typeof s === "string" && s.includes(":")) out.push({ keyName: s.slice(0, s.indexOf(":")), sig: s.slice(s.indexOf(":") + 1) });
    else if (typeof s === "object" && s !== null && typeof (s as Obj)["keyName"] === "string" && typeof (s as Obj)["sig"] === "string") out.push({ keyName: (s as Obj)["keyName"] as string, sig: (s as Obj)["sig"] as string });
    else {
      fail();
      return [];
    }
  }
  return out;
}
