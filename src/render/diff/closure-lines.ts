import { compareBytes, type PackageChange, SHOWN_SIZE_DELTA } from "../../domain/diff/closure-diff.js";

/**
 * The closure lines exactly as Nix 2.8's `nix store diff-closures` prints them (diff-closures.cc).
 * Callers escape the result for their medium: package names and versions come from store paths.
 */

/** showVersions: ∅ for none, ε for the empty version (substituted before the set sorts them). */
export const nixVersions = (versions: readonly string[]): string =>
  versions.length === 0 ? "∅" : [...new Set(versions.map((v) => (v === "" ? "ε" : v)))].sort(compareBytes).join(", ");

/**
 * Nix 2.8's `%+.1f KiB` of sizeDelta / 1024.0. printf rounds the exact value half to even, where
 * JavaScript's toFixed rounds half up; in tenths of KiB the value is |delta| * 5 / 512, so integer
 * arithmetic gives printf's digits exactly.
 */
export function nixSizeDelta(delta: number): string {
  const magnitude = Math.abs(delta);
  const whole = Math.floor((magnitude * 5) / 512);
  const rest = (magnitude * 5) % 512;
  const tenths = rest * 2 > 512 || (rest * 2 === 512 && whole % 2 === 1) ? whole + 1 : whole;
  return `${delta < 0 ? "-" : "+"}${Math.floor(tenths / 10)}.${tenths % 10} KiB`;
}

/** The parts of a package's line: `removed → added` when versions moved, the size when Nix shows it. */
export function nixLineParts(p: PackageChange): { versions?: string; size?: string } {
  const moved = p.removedVersions.length > 0 || p.addedVersions.length > 0;
  return {
    ...(moved ? { versions: `${nixVersions(p.removedVersions)} → ${nixVersions(p.addedVersions)}` } : {}),
    ...(Math.abs(p.sizeDelta) >= SHOWN_SIZE_DELTA ? { size: nixSizeDelta(p.sizeDelta) } : {}),
  };
}
