import type { Closure } from "../closure/closure.js";
import { parseStoreName } from "../nix/store-name.js";
import { compareStrings } from "../lock/input-path.js";

/** One package's change between two closures, like a line of `nix store diff-closures`. */
export interface PackageChange {
  readonly name: string;
  readonly change: "added" | "removed" | "version-changed" | "size-changed";
  readonly oldVersions: readonly string[];
  readonly newVersions: readonly string[];
  /** Bytes of NAR, new minus old. */
  readonly sizeDelta: number;
}

export interface ClosureDiff {
  readonly packages: readonly PackageChange[];
  readonly oldSize: number;
  readonly newSize: number;
}

interface Group {
  versions: Set<string>;
  size: number;
}

function groups(c: Closure): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const info of c.infos.values()) {
    const parsed = parseStoreName(info.path.slice(info.path.lastIndexOf("/") + 34));
    if (parsed.isDerivation) continue;
    const g = out.get(parsed.pname) ?? { versions: new Set<string>(), size: 0 };
    g.versions.add(parsed.version ?? "");
    g.size += info.narSize ?? 0;
    out.set(parsed.pname, g);
  }
  return out;
}

/** Package-level changes, grouped by name as `nix store diff-closures` does, with size deltas. */
export function diffClosures(a: Closure, b: Closure): ClosureDiff {
  const [ga, gb] = [groups(a), groups(b)];
  const packages: PackageChange[] = [];
  for (const name of [...new Set([...ga.keys(), ...gb.keys()])].sort(compareStrings)) {
    const [x, y] = [ga.get(name), gb.get(name)];
    const oldVersions = [...(x?.versions ?? [])].sort(compareStrings);
    const newVersions = [...(y?.versions ?? [])].sort(compareStrings);
    const sizeDelta = (y?.size ?? 0) - (x?.size ?? 0);
    const change =
      x === undefined
        ? "added"
        : y === undefined
          ? "removed"
          : oldVersions.join() !== newVersions.join()
            ? "version-changed"
            : sizeDelta !== 0
              ? "size-changed"
              : undefined;
    if (change !== undefined) packages.push({ name, change, oldVersions, newVersions, sizeDelta });
  }
  const total = (g: Map<string, Group>): number => [...g.values()].reduce((n, v) => n + v.size, 0);
  return { packages, oldSize: total(ga), newSize: total(gb) };
}
