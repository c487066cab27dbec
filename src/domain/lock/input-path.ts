import { err, ok, type Result } from "../result.js";

/**
 * The identity of an input: the attribute path from the root flake, e.g. `["home-manager", "nixpkgs"]`,
 * shown as `home-manager/nixpkgs`. The empty path `[]` is the root flake itself (a `follows = ""`).
 */
export type InputPath = readonly string[];

export const ROOT_LABEL = "(root)";

/**
 * The separator of a printed input path. Nix's own parser of input paths (`--update-input a/b`)
 * splits on it, but lock files can hold names that contain it (a quoted `inputs."plugins/x"` in
 * flake.nix; one corpus lock has one), so printing is reversible only for names without it.
 */
export const INPUT_PATH_SEPARATOR = "/";

export const formatInputPath = (p: InputPath): string => (p.length === 0 ? ROOT_LABEL : p.join(INPUT_PATH_SEPARATOR));

/**
 * The inverse of formatInputPath: `home-manager/nixpkgs` → `["home-manager", "nixpkgs"]`, and
 * ROOT_LABEL → `[]`. Empty elements (`a//b`, a leading or trailing `/`) name no input: an error.
 */
export function parseInputPath(text: string): Result<InputPath, string> {
  if (text === ROOT_LABEL) return ok([]);
  const parts = text.split(INPUT_PATH_SEPARATOR);
  if (parts.some((p) => p === ""))
    return err(
      `'${text}' is not an input path: names separated by '/', none of them empty (e.g. home-manager/nixpkgs)`,
    );
  return ok(parts);
}

/** Shorter paths first, then element-wise byte order: the order every report uses. */
export function compareInputPaths(a: InputPath, b: InputPath): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export const sameInputPath = (a: InputPath, b: InputPath): boolean => compareInputPaths(a, b) === 0;

/** Byte-order string comparison, independent of locale. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
