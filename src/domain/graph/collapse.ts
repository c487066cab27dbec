import type { LockedInput } from "../lock/inventory.js";
import type { NodeKey } from "../lock/graph.js";
import type { InputPath } from "../lock/input-path.js";

/** A lock with more sources than this is drawn collapsed unless asked otherwise (--depth, --all). */
export const DEFAULT_MAX_NODES = 80;

/** What to draw: every input (`all`), inputs up to a depth, or the deepest depth that fits DEFAULT_MAX_NODES. */
export type GraphDepth =
  | { readonly kind: "all" }
  | { readonly kind: "depth"; readonly depth: number }
  | { readonly kind: "auto" };

/** The depth beyond which inputs are collapsed, or undefined when every one is shown. */
export function collapseDepth(inputs: readonly LockedInput[], want: GraphDepth): number | undefined {
  const deepest = inputs.reduce((d, i) => Math.max(d, i.primaryPath.length), 0);
  if (want.kind === "all") return undefined;
  if (want.kind === "depth") return want.depth >= deepest ? undefined : want.depth;
  if (inputs.length <= DEFAULT_MAX_NODES) return undefined;
  // How many sources each depth adds; the deepest depth whose total fits, at least 1.
  const perDepth = new Array<number>(deepest + 1).fill(0);
  for (const i of inputs) perDepth[i.primaryPath.length] = (perDepth[i.primaryPath.length] ?? 0) + 1;
  let shown = 0;
  let fits = 1;
  for (let d = 1; d <= deepest; d++) {
    shown += perDepth[d] ?? 0;
    if (shown > DEFAULT_MAX_NODES) break;
    fits = d;
  }
  return fits;
}

/**
 * Which shown source each hidden one is summarised under: the source of the node its walked path
 * (the walk lists a node's inputs under that path) passes through at `depth`. That node's primary
 * path is no longer than its walked path, so it is shown. Linear: one prefix per hidden source.
 */
export function ownersOfHidden(
  hidden: readonly LockedInput[],
  walked: ReadonlyMap<NodeKey, InputPath>,
  groupOfNode: ReadonlyMap<NodeKey, string>,
  depth: number,
): Map<string, string> {
  const atDepth = new Map<string, NodeKey>();
  for (const [key, path] of walked) if (path.length === depth) atDepth.set(JSON.stringify(path), key);
  const owner = new Map<string, string>();
  for (const h of hidden) {
    let best: InputPath | undefined;
    for (const k of h.nodeKeys) {
      const p = walked.get(k);
      if (p !== undefined && (best === undefined || p.length < best.length)) best = p;
    }
    if (best === undefined || best.length <= depth) continue;
    const at = atDepth.get(JSON.stringify(best.slice(0, depth)));
    const id = at !== undefined ? groupOfNode.get(at) : undefined;
    if (id !== undefined) owner.set(h.id, id);
  }
  return owner;
}
