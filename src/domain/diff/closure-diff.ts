import type { Closure } from "../closure/closure.js";

/**
 * One package's change between two closures. Nix (`nix store diff-closures`) prints a line for it
 * when `shownByNix`; JSON keeps every package whose versions or size changed at all.
 */
export interface PackageChange {
  readonly name: string;
  readonly change: "added" | "removed" | "version-changed" | "size-changed";
  /** Every version on each side (an empty string is a path without a version). */
  readonly oldVersions: readonly string[];
  readonly newVersions: readonly string[];
  /** The versions only the old side has, and only the new side: what Nix prints as `removed → added`. */
  readonly removedVersions: readonly string[];
  readonly addedVersions: readonly string[];
  /** Bytes of NAR, new minus old. */
  readonly sizeDelta: number;
  /** Whether Nix prints a line: a version came or went, or the size moved by 8 KiB or more. */
  readonly shownByNix: boolean;
}

export interface ClosureDiff {
  readonly packages: readonly PackageChange[];
  readonly oldSize: number;
  readonly newSize: number;
}

/** Nix prints a size change only from this many bytes on (diff-closures.cc: `abs(sizeDelta) >= 8 * 1024`). */
export const SHOWN_SIZE_DELTA = 8 * 1024;

/** std::set<std::string> order: by UTF-8 bytes, which is code point order (not UTF-16 units). */
export function compareBytes(a: string, b: string): number {
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const isAsciiLetter = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c);

/**
 * Nix's split of a store path name into package name and version: a trailing `-[a-z]+`, `-lib32`
 * or `-lib64` component is an output name and goes first (the regex `(.*)-([a-z]+|lib32|lib64)`,
 * whose greedy `.*` takes the last dash); then DrvName cuts at the first dash not followed by a
 * letter. So `rel-1.0-rc` is `rel` 1.0 and `bash-interactive` is `bash` with no version.
 */
export function nixNameVersion(storeName: string): { name: string; version: string } {
  let name = storeName;
  const dash = name.lastIndexOf("-");
  if (dash >= 0) {
    const suffix = name.slice(dash + 1);
    if (/^[a-z]+$/.test(suffix) || suffix === "lib32" || suffix === "lib64") name = name.slice(0, dash);
  }
  for (let i = 0; i < name.length; i++)
    if (name[i] === "-" && i + 1 < name.length && !isAsciiLetter(name[i + 1]))
      return { name: name.slice(0, i), version: name.slice(i + 1) };
  return { name, version: "" };
}

interface Group {
  readonly versions: Set<string>;
  size: number;
}

function groups(c: Closure): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const info of c.infos.values()) {
    const { name, version } = nixNameVersion(info.path.slice(info.path.lastIndexOf("/") + 34));
    const g = out.get(name) ?? { versions: new Set<string>(), size: 0 };
    g.versions.add(version);
    g.size += info.narSize ?? 0;
    out.set(name, g);
  }
  return out;
}

const sorted = (s: Iterable<string>): string[] => [...s].sort(compareBytes);

function changeOf(name: string, x: Group | undefined, y: Group | undefined): PackageChange | undefined {
  const [before, after] = [x?.versions ?? new Set<string>(), y?.versions ?? new Set<string>()];
  const removedVersions = sorted([...before].filter((v) => !after.has(v)));
  const addedVersions = sorted([...after].filter((v) => !before.has(v)));
  const sizeDelta = (y?.size ?? 0) - (x?.size ?? 0);
  const versionsMoved = removedVersions.length > 0 || addedVersions.length > 0;
  if (!versionsMoved && sizeDelta === 0) return undefined;
  return {
    name,
    change:
      x === undefined ? "added" : y === undefined ? "removed" : versionsMoved ? "version-changed" : "size-changed",
    oldVersions: sorted(before),
    newVersions: sorted(after),
    removedVersions,
    addedVersions,
    sizeDelta,
    shownByNix: versionsMoved || Math.abs(sizeDelta) >= SHOWN_SIZE_DELTA,
  };
}

/**
 * Package-level changes by Nix's algorithm (src/nix/diff-closures.cc): every path of the closure
 * grouped by name and version, names in byte order, sizes summed over all versions of a name.
 */
export function diffClosures(a: Closure, b: Closure): ClosureDiff {
  const [ga, gb] = [groups(a), groups(b)];
  const packages: PackageChange[] = [];
  for (const name of sorted(new Set([...ga.keys(), ...gb.keys()]))) {
    const change = changeOf(name, ga.get(name), gb.get(name));
    if (change !== undefined) packages.push(change);
  }
  const total = (g: Map<string, Group>): number => [...g.values()].reduce((n, v) => n + v.size, 0);
  return { packages, oldSize: total(ga), newSize: total(gb) };
}
