import { compareInputPaths, formatInputPath, ROOT_LABEL, type InputPath } from "./input-path.js";
import { locateInput, RelativeLocator, type LocatedInput } from "./relative-path.js";
import { indexLock, type LockIndex } from "./input-index.js";
import type { LockTraversal } from "./traversal.js";
import type { InputNode, LockGraph, NodeKey } from "./graph.js";
import { isRelativePath, pinningOf, type Attrs, type Pinning, type SourceRef } from "./source-ref.js";
import { sourceStorePath, type StorePath } from "../nix/store-path.js";
import type { Sha256 } from "../nix/sha256.js";

/**
 * One distinct locked source. Nodes with identical locked attributes (several node keys, or one node
 * reached by several paths) collapse into one entry that lists every input path.
 */
export interface LockedInput {
  /** Stable identity: the primary input path, formatted (`home-manager/nixpkgs`). */
  readonly id: string;
  /** The shortest, then byte-order smallest, input path. */
  readonly primaryPath: InputPath;
  readonly paths: readonly InputPath[];
  readonly nodeKeys: readonly NodeKey[];
  readonly locked: SourceRef;
  readonly original?: SourceRef;
  /**
   * False when any input path uses the source with `flake = false`. `flake` belongs to a node, and
   * nodes with identical locked attributes are one source, so one source can be a flake through one
   * path and `flake = false` through another: then `nonFlakePaths` lists the latter.
   */
  readonly isFlake: boolean;
  /** Set only when the input paths disagree: those that use the source with `flake = false`, in order. */
  readonly nonFlakePaths?: readonly InputPath[];
  readonly pinning: Pinning;
  /**
   * A relative path input: the id of the input whose source holds it, or ROOT_LABEL for the root
   * flake. Its `locked.path` is then located (relative-path.ts): inside that source from its root,
   * or relative to the root flake's directory.
   */
  readonly relativeTo?: string;
  /** The computed `/nix/store/…-source` path, when the lock carries a narHash. */
  readonly storePath?: StorePath;
  /** Ids of the inputs this one depends on (follows resolved); the root flake is `dependsOnRoot`. */
  readonly dependsOn: readonly string[];
  readonly dependsOnRoot: boolean;
}

export interface LockInventory {
  readonly inputs: readonly LockedInput[];
  /** Ids of the root flake's direct inputs. */
  readonly rootDependsOn: readonly string[];
  /** Input paths that follow the root flake itself (`follows = ""`), such as `mid/libA`. */
  readonly rootPaths: readonly InputPath[];
  /** Nodes that had more input paths than are listed. */
  readonly truncatedPaths: readonly string[];
  readonly index: LockIndex;
}

/**
 * Canonical form of a locked attribute set: keys in byte order, values as JSON. GitHub owners and
 * repositories are case-insensitive, so `NixOS/nixpkgs` and `nixos/nixpkgs` at one rev are one source.
 */
export function canonicalAttrs(attrs: Attrs): string {
  const keys = Object.keys(attrs);
  // Nix writes attributes sorted, so the sort is usually skipped.
  for (let i = 1; i < keys.length; i++)
    if ((keys[i - 1] ?? "") > (keys[i] ?? "")) {
      keys.sort();
      break;
    }
  const github = attrs["type"] === "github";
  // Keys and values alternating, printed by one JSON.stringify: unambiguous, and one call per source.
  const flat: Array<string | number | boolean> = [];
  for (const k of keys) {
    const v = attrs[k];
    if (v === undefined) continue;
    flat.push(k, github && (k === "owner" || k === "repo") && typeof v === "string" ? v.toLowerCase() : v);
  }
  return JSON.stringify(flat);
}

/** Nodes with identical locked attributes: one source. */
interface Group {
  readonly nodes: InputNode[];
  /** Each node's input paths, as the index lists them (each list already in compareInputPaths order). */
  readonly pathLists: Array<readonly InputPath[]>;
  /** Set once every node is grouped (settle): the paths in order, the first one's node, the id. */
  paths: readonly InputPath[];
  primary: InputNode | undefined;
  id: string;
}

/** Orders a group's input paths and names it by the first; its primary node is the one that path reaches. */
function settle(g: Group, index: LockIndex): void {
  // Usually one node per source: its list is already in order, and it is the primary.
  if (g.nodes.length === 1) {
    g.paths = g.pathLists[0] ?? [];
    g.primary = g.nodes[0];
  } else {
    const paths = g.pathLists.flat().sort(compareInputPaths);
    g.paths = paths;
    g.primary = g.nodes.find((n) => index.paths.get(n.key)?.[0] === paths[0]) ?? g.nodes[0];
  }
  g.id = formatInputPath(g.paths[0] ?? []);
}

/**
 * Finds the group of nodes whose locked attributes equal a node's (canonicalAttrs), or makes one.
 * Equal attributes have equal type, narHash and rev, so nodes are first sorted by those (a short
 * key), and the canonical form, a JSON text of every attribute, is made only when two nodes share
 * them: in most locks, never.
 */
class SourceGrouper {
  private readonly buckets = new Map<string, Array<{ canon: string | undefined; locked: SourceRef; group: Group }>>();

  groupOf(node: InputNode, locked: SourceRef, scope: string, make: () => Group): Group {
    const { narHash, rev } = locked.attrs;
    const quick = `${locked.type}|${String(narHash)}|${String(rev)}|${scope}`;
    const bucket = this.buckets.get(quick);
    if (bucket === undefined) {
      const group = make();
      this.buckets.set(quick, [{ canon: undefined, locked, group }]);
      return group;
    }
    const canon = canonicalAttrs(locked.attrs);
    for (const entry of bucket) {
      entry.canon ??= canonicalAttrs(entry.locked.attrs);
      if (entry.canon === canon) return entry.group;
    }
    const group = make();
    bucket.push({ canon, locked, group });
    return group;
  }
}

/**
 * `storePaths: false` skips computing source store paths (a hash per input) for callers that never
 * show them; `digest` is a faster SHA-256 for those paths than the domain's own; `walk` reuses the walk ingest made of this graph (parseFlakeLockWalked) instead of walking it again.
 */
export function buildInventory(
  graph: LockGraph,
  storeDir?: string,
  opts: { storePaths?: boolean; walk?: LockTraversal; digest?: Sha256 | undefined } = {},
): LockInventory {
  const index = indexLock(graph, opts.walk);
  const groups: Group[] = [];
  const groupOfNode = new Map<NodeKey, Group>();
  const grouper = new SourceGrouper();
  // Relative path inputs, located against their parents (only locks that have one make a locator).
  const located = new Map<NodeKey, LocatedInput>();
  let locator: RelativeLocator | undefined;
  for (const key of index.reachable) {
    const node = graph.nodes.get(key);
    if (node?.locked === undefined) continue;
    let locked = node.locked;
    let scope = "";
    if (isRelativePath(locked)) {
      locator ??= new RelativeLocator(graph);
      const at = locateInput(locator, node, (a) => canonicalAttrs(a.locked?.attrs ?? {}));
      if (at !== undefined) located.set(key, at);
      locked = at?.locked ?? locked;
      scope = at?.scope ?? JSON.stringify(node.parent ?? []);
    }
    const g = grouper.groupOf(node, locked, scope, () => {
      const made: Group = { nodes: [], pathLists: [], paths: [], primary: undefined, id: "" };
      groups.push(made);
      return made;
    });
    g.nodes.push(node);
    g.pathLists.push(index.paths.get(key) ?? []);
    groupOfNode.set(key, g);
  }
  for (const g of groups) settle(g, index);
  const depsOf = (nodes: readonly InputNode[], self: Group | undefined): { ids: string[]; root: boolean } => {
    let ids: Set<string> | undefined; // most sources (leaves) have no inputs: no set for them
    let root = false;
    for (const n of nodes) {
      const edges = index.edges.get(n.key);
      if (edges === undefined || edges.size === 0) continue;
      ids ??= new Set();
      for (const target of edges.values()) {
        if (target === graph.root) root = true;
        const g = groupOfNode.get(target);
        if (g !== undefined && g !== self) ids.add(g.id);
      }
    }
    return { ids: ids === undefined ? [] : ids.size > 1 ? [...ids].sort() : [...ids], root };
  };
  const inputs: LockedInput[] = [];
  for (const g of groups) {
    const { paths, primary, id } = g;
    const at = primary && located.get(primary.key);
    const locked = at?.locked ?? primary?.locked;
    if (primary === undefined || locked === undefined)
      throw new Error("unreachable: a group is made with its first node, which has a locked source");
    const deps = depsOf(g.nodes, g);
    const input: { -readonly [K in keyof LockedInput]: LockedInput[K] } = {
      id,
      primaryPath: paths[0] ?? [],
      paths,
      nodeKeys: g.nodes.length === 1 ? [primary.key] : g.nodes.map((n) => n.key).sort(),
      locked,
      isFlake: g.nodes.length === 1 ? primary.isFlake : g.nodes.every((n) => n.isFlake),
      pinning: pinningOf(locked),
      dependsOn: deps.ids,
      dependsOnRoot: deps.root,
    };
    if (primary.original !== undefined) input.original = primary.original;
    if (at !== undefined)
      input.relativeTo = at.anchor === graph.root ? ROOT_LABEL : (groupOfNode.get(at.anchor)?.id ?? at.anchor);
    if (g.nodes.length > 1) {
      const nonFlake = nonFlakePathsOf(g);
      if (nonFlake !== undefined) input.nonFlakePaths = nonFlake;
    }
    if (locked.narHash !== undefined && opts.storePaths !== false)
      input.storePath = sourceStorePath(locked.narHash, locked.name, storeDir, opts.digest);
    inputs.push(input);
  }
  inputs.sort((a, b) => compareInputPaths(a.primaryPath, b.primaryPath));
  const rootNode = graph.nodes.get(graph.root);
  const rootDeps = rootNode !== undefined ? depsOf([rootNode], undefined).ids : [];
  return {
    inputs,
    rootDependsOn: rootDeps,
    rootPaths: index.rootPaths,
    truncatedPaths: index.truncated.map(String).sort(),
    index,
  };
}

/** The paths of a source's non-flake nodes, when some of its nodes are flakes and some are not. */
function nonFlakePathsOf(g: Group): InputPath[] | undefined {
  const flags = g.nodes.map((n) => n.isFlake);
  if (flags.every((f) => f) || flags.every((f) => !f)) return undefined;
  return g.pathLists.flatMap((list, i) => (flags[i] === true ? [] : list)).sort(compareInputPaths);
}
