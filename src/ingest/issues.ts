export type { InputIssue } from "../domain/input-issue.js";

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
