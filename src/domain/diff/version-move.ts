import semver from "semver";

/** How a ref moved: `nixos-24.05` → `nixos-24.11` is minor, `v1.0.1` → `v2.0.0` major. */
export type VersionMove = "major" | "minor" | "patch" | "prerelease" | "downgrade" | "same" | "incomparable";

/** Version-like part of a ref: `nixos-24.05` → 24.05, `release-23.11` → 23.11, `v1.2.3` → 1.2.3. */
function coerce(ref: string): semver.SemVer | null {
  const m = /(\d+(?:\.\d+){0,2})(?:[-+][0-9A-Za-z.-]+)?$/.exec(ref.replace(/^refs\/(heads|tags)\//, ""));
  return m === null ? null : semver.coerce(m[0], { loose: true });
}

const stem = (ref: string): string =>
  ref.replace(/^refs\/(heads|tags)\//, "").replace(/v?\d+(?:\.\d+)*(?:[-+][0-9A-Za-z.-]+)?$/, "");

/**
 * Classifies a ref change with semver coercion. Refs whose non-version parts differ
 * (`nixos-24.05` → `release-24.05`) or that carry no version are `incomparable`.
 */
export function classifyVersionChange(from: string, to: string): VersionMove {
  if (from === to) return "same";
  const [a, b] = [coerce(from), coerce(to)];
  if (a === null || b === null || stem(from) !== stem(to)) return "incomparable";
  const cmp = semver.compare(a, b);
  if (cmp === 0) return "same";
  if (cmp > 0) return "downgrade";
  const diff = semver.diff(a, b);
  return diff === "major" || diff === "premajor"
    ? "major"
    : diff === "minor" || diff === "preminor"
      ? "minor"
      : diff === "patch" || diff === "prepatch"
        ? "patch"
        : "prerelease";
}
