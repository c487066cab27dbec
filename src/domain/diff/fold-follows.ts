import type { InputChange } from "./lock-diff.js";

/** A follows that came or went with the subtree of an added, removed or toggled input. */
export interface SubtreeFollows {
  readonly input: string;
  /** The input path it follows; "" is the root flake. */
  readonly follows: string;
  readonly kind: "added" | "removed";
}

/** A change that only rewires follows: every side it has is a follows, so no source is touched. */
export const isFollowsOnly = (c: InputChange): boolean =>
  (c.old === undefined || c.old.follows !== undefined) && (c.new === undefined || c.new.follows !== undefined);

/** The kinds of change whose subtree comes or goes with them. */
const SUBTREE_KINDS: ReadonlySet<string> = new Set(["added", "removed", "flake-toggled"]);

function ancestors(input: string): string[] {
  const parts = input.split("/");
  return parts.slice(1).map((_, i) => parts.slice(0, parts.length - 1 - i).join("/"));
}

/**
 * Folds each follows added or removed with its parent's subtree into the nearest ancestor entry
 * (added, removed or flake-toggled), so a new input with fourteen follows is one entry listing
 * them, not fifteen. Input paths hold no `/` inside a name (Nix forbids it), so splitting is exact.
 */
export function foldSubtreeFollows(
  changes: readonly InputChange[],
): Array<InputChange & { subtreeFollows?: readonly SubtreeFollows[] }> {
  const byInput = new Map(changes.map((c) => [c.input, c]));
  const folded = new Map<string, SubtreeFollows[]>();
  const kept: InputChange[] = [];
  for (const c of changes) {
    const side = c.kind === "added" ? c.new : c.kind === "removed" ? c.old : undefined;
    const parent =
      side?.follows !== undefined && isFollowsOnly(c)
        ? ancestors(c.input).find((a) => SUBTREE_KINDS.has(byInput.get(a)?.kind ?? ""))
        : undefined;
    if (parent === undefined || side?.follows === undefined || (c.kind !== "added" && c.kind !== "removed")) {
      kept.push(c);
      continue;
    }
    const list = folded.get(parent) ?? [];
    list.push({ input: c.input, follows: side.follows, kind: c.kind });
    folded.set(parent, list);
  }
  return kept.map((c) => {
    const list = folded.get(c.input);
    return list !== undefined ? { ...c, subtreeFollows: list } : c;
  });
}
