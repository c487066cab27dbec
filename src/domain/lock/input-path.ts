/**
 * The identity of an input: the attribute path from the root flake, e.g. `["home-manager", "nixpkgs"]`,
 * shown as `home-manager/nixpkgs`. The empty path `[]` is the root flake itself (a `follows = ""`).
 */
export type InputPath = readonly string[];

export const ROOT_LABEL = "(root)";

export const formatInputPath = (p: InputPath): string => (p.length === 0 ? ROOT_LABEL : p.join("/"));

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
