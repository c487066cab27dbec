/**
 * Nix's version order (`builtins.compareVersions`, `nix-env -u`; src/libstore/names.cc in Nix 2.8):
 * versions split into components at `.` and `-`, each a run of digits or a run of other
 * characters; components compare pairwise, a missing one reading as "".
 */

import { compareBytes } from "../diff/closure-diff.js";

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSep = (c: number): boolean => c === 46 || c === 45;
const INT_MAX = 2_147_483_647;

/** The components of a version, as Nix's nextComponent reads them one by one. */
export function versionComponents(v: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < v.length) {
    while (i < v.length && isSep(v.charCodeAt(i))) i++;
    if (i >= v.length) break;
    const start = i;
    if (isDigit(v.charCodeAt(i))) while (i < v.length && isDigit(v.charCodeAt(i))) i++;
    else while (i < v.length && !isDigit(v.charCodeAt(i)) && !isSep(v.charCodeAt(i))) i++;
    out.push(v.slice(start, i));
  }
  return out;
}

/** string2Int<int>: digits that fit an int; a longer run is not a number to Nix, and neither is "". */
function asInt(c: string): number | undefined {
  if (c === "" || !isDigit(c.charCodeAt(0))) return undefined;
  const n = Number(c);
  return n <= INT_MAX ? n : undefined;
}

/** componentsLT: numbers numerically; "" before a number; `pre` before anything else; `2.3a` < `2.3.1`. */
function componentsLT(c1: string, c2: string): boolean {
  const [n1, n2] = [asInt(c1), asInt(c2)];
  if (n1 !== undefined && n2 !== undefined) return n1 < n2;
  if (c1 === "" && n2 !== undefined) return true;
  if (c1 === "pre" && c2 !== "pre") return true;
  if (c2 === "pre") return false;
  if (n2 !== undefined) return true;
  if (n1 !== undefined) return false;
  return compareBytes(c1, c2) < 0; // std::string's <: byte order
}

/** -1 when `a` is older than `b`, 0 when Nix reads them as the same version, 1 when newer. */
export function compareNixVersions(a: string, b: string): -1 | 0 | 1 {
  const [x, y] = [versionComponents(a), versionComponents(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const [c1, c2] = [x[i] ?? "", y[i] ?? ""];
    if (componentsLT(c1, c2)) return -1;
    if (componentsLT(c2, c1)) return 1;
  }
  return 0;
}
