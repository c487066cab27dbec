import { getOrInsert } from "../map-utils.js";
import type { InputChange, SubtreeFollows, SubtreeSource } from "./input-change.js";

export type { SubtreeFollows, SubtreeSource } from "./input-change.js";

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
 * Folds each input added or removed with its parent's subtree into the nearest ancestor entry
 * (added, removed or flake-toggled): a new input with fourteen follows and three inputs of its own is
 * one entry listing them, and `flake = false` on an input is one entry, not one row per input it no
 * longer locks. A folded input that carries a finding stays an entry of its own, so no risk is
 * hidden. Paths are split at `/`; a name holding `/` (Nix allows it in old locks) only folds less.
 */
export function foldSubtree(
  changes: readonly InputChange[],
  flagged: ReadonlySet<string> = new Set(),
): Array<InputChange & { subtreeFollows?: readonly SubtreeFollows[]; subtreeSources?: readonly SubtreeSource[] }> {
  const byInput = new Map(changes.map((c) => [c.input, c]));
  const follows = new Map<string, SubtreeFollows[]>();
  const sources = new Map<string, SubtreeSource[]>();
  const kept: InputChange[] = [];
  for (const c of changes) {
    const side = c.kind === "added" ? c.new : c.kind === "removed" ? c.old : undefined;
    const parent =
      side !== undefined && (c.kind === "added" || c.kind === "removed") && !flagged.has(c.input)
        ? // The outermost such ancestor: it is never folded itself, so nothing folded under it is lost.
          ancestors(c.input).findLast((a) => SUBTREE_KINDS.has(byInput.get(a)?.kind ?? ""))
        : undefined;
    if (parent === undefined || side === undefined || (c.kind !== "added" && c.kind !== "removed")) kept.push(c);
    else if (side.follows !== undefined && isFollowsOnly(c))
      getOrInsert(follows, parent, () => []).push({ input: c.input, follows: side.follows, kind: c.kind });
    else getOrInsert(sources, parent, () => []).push({ input: c.input, kind: c.kind, url: side.url });
  }
  return kept.map((c) => {
    const f = follows.get(c.input);
    const s = sources.get(c.input);
    return {
      ...c,
      ...(f !== undefined ? { subtreeFollows: f } : {}),
      ...(s !== undefined ? { subtreeSources: s } : {}),
    };
  });
}
