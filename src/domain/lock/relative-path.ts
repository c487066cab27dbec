import { FollowsResolver } from "./follows.js";
import type { InputNode, LockGraph, NodeKey } from "./graph.js";
import { isRelativePath, type PathSource, type SourceRef } from "./source-ref.js";

/**
 * Where a relative `path:` input (Nix ≥ 2.26) is. Nix resolves it against the flake that declared
 * it, the node its `parent` input path names, whose own location may be relative again (Nix's
 * `call-flake.nix`: `parentNode.outPath + "/" + locked.path`; `flake.cc`: `CanonPath(path,
 * parentFlakeDir)`). Following `parent` until a node with a source of its own (the anchor) gives:
 * - anchor the root flake: the directory relative to the root flake's directory, leading `..` kept
 *   (where the root flake sits in its source tree is not in the lock);
 * - anchor another input: the directory inside that input's source, from its root (its `dir`
 *   joined first), `..` stopping at the root as CanonPath does.
 */
export interface RelativeLocation {
  /** The node whose source holds the directory: the lock's root for the root flake. */
  readonly anchor: NodeKey;
  /** POSIX path without `.` or empty segments; `.` for the anchor's own directory. */
  readonly path: string;
}

/** Joins `rel` onto `base` and normalises; `clamp` drops `..` at the top (a source root), else keeps it. */
export function joinRelative(base: string, rel: string, clamp: boolean): string {
  const out: string[] = [];
  for (const seg of `${base}/${rel}`.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg !== "..") out.push(seg);
    else if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (!clamp) out.push(seg);
  }
  return out.length === 0 ? "." : out.join("/");
}

/**
 * Locates the relative path inputs of a lock, memoised; made only for a lock that has one. A chain of
 * `parent`s that loops (only in a hand-made lock) leaves its nodes unlocated: they keep their path as written.
 */
export class RelativeLocator {
  private readonly memo = new Map<NodeKey, RelativeLocation | null>();
  private resolver: FollowsResolver | undefined;
  private readonly graph: LockGraph;

  constructor(graph: LockGraph) {
    this.graph = graph;
  }

  get root(): NodeKey {
    return this.graph.root;
  }

  nodeOf(key: NodeKey): InputNode | undefined {
    return this.graph.nodes.get(key);
  }

  locate(key: NodeKey): RelativeLocation | undefined {
    const known = this.memo.get(key);
    if (known !== undefined) return known ?? undefined;
    const chain: InputNode[] = [];
    const onChain = new Set<NodeKey>();
    let base: { anchor: NodeKey; path: string } | null = null;
    for (let at: NodeKey | undefined = key; at !== undefined; ) {
      const memo = this.memo.get(at);
      const node = this.graph.nodes.get(at);
      if (memo !== undefined) base = memo;
      else if (onChain.has(at) || node === undefined) base = null;
      else if (at === this.graph.root || node.locked === undefined || !isRelativePath(node.locked))
        base = { anchor: at, path: at === this.graph.root ? "." : (node.locked?.dir ?? ".") };
      else {
        chain.push(node);
        onChain.add(at);
        at = this.parentOf(node);
        continue;
      }
      break;
    }
    // Unwind: each relative node is its parent's location plus its own path.
    for (let i = chain.length - 1; i >= 0; i--) {
      const node = chain[i];
      if (node === undefined) continue;
      const rel = node.locked?.type === "path" ? node.locked.path : "";
      const loc: RelativeLocation | null =
        base === null
          ? null
          : { anchor: base.anchor, path: joinRelative(base.path, rel, base.anchor !== this.graph.root) };
      this.memo.set(node.key, loc);
      base = loc;
    }
    return this.memo.get(key) ?? undefined;
  }

  /** The node `parent` names (resolved from the root as a follows path is), or undefined. */
  private parentOf(node: InputNode): NodeKey | undefined {
    this.resolver ??= new FollowsResolver(this.graph.nodes, this.graph.root);
    return this.resolver.targetOf(node.parent ?? []);
  }
}

/** A relative path input as the inventory groups it: its located source and what it is relative to. */
export interface LocatedInput {
  /** The locked source with its path replaced by the located one. */
  readonly locked: SourceRef;
  readonly anchor: NodeKey;
  /** Equal for two nodes in one directory: the anchor's identity (`canon` of its attributes) and the path. */
  readonly scope: string;
}

/** Locates a node's relative path source; undefined for any other source, or one that cannot be located. */
export function locateInput(
  locator: RelativeLocator,
  node: InputNode,
  canon: (anchor: InputNode) => string,
): LocatedInput | undefined {
  const locked = node.locked;
  if (locked?.type !== "path" || !isRelativePath(locked)) return undefined;
  const loc = locator.locate(node.key);
  const anchor = loc && locator.nodeOf(loc.anchor);
  if (loc === undefined || anchor === undefined) return undefined;
  const at = loc.anchor === locator.root ? "(root)" : canon(anchor);
  const source: PathSource = { ...locked, path: loc.path, attrs: { ...locked.attrs, path: loc.path } };
  return { locked: source, anchor: loc.anchor, scope: `${at}|${loc.path}` };
}
