import type { TextPosition } from "./json-locate.js";

/**
 * One thing wrong with an input file, with enough to act on it:
 * `flake.lock:12:9 /nodes/nixpkgs_2/locked/rev: expected a 40-character commit id`.
 */
export interface InputIssue {
  /** The file as the user named it (`flake.lock`, `-` for stdin). */
  readonly origin: string;
  /** RFC 6901 JSON pointer, `""` for the whole document. */
  readonly pointer: string;
  readonly message: string;
  readonly position?: TextPosition;
  readonly expected?: string;
  readonly example?: string;
  /** What was found, truncated to about 200 characters. */
  readonly received?: string;
  /** The next step for the user. */
  readonly next?: string;
}

export const escapePointerToken = (k: string | number): string => String(k).replace(/~/g, "~0").replace(/\//g, "~1");
export const toPointer = (path: ReadonlyArray<string | number | symbol>): string =>
  path.map((p) => `/${escapePointerToken(typeof p === "symbol" ? String(p) : p)}`).join("");

export function truncate(s: string, max = 200): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} characters)`;
}

/** A short, safe rendering of a received value. */
export function describeReceived(v: unknown): string {
  if (v === undefined) return "nothing";
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return truncate(s);
}
