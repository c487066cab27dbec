import type { InputPath } from "./input-path.js";
import type { FollowsError, InputNode, NodeKey } from "./graph.js";
import { err, ok, type Result } from "../result.js";

type Nodes = ReadonlyMap<NodeKey, InputNode>;

/** One follows path being resolved: how far along it is, and the node reached so far. */
interface Frame {
  readonly path: InputPath;
  readonly key: string;
  i: number;
  current: NodeKey;
}

/** JSON of the path: unambiguous whatever the names hold (`["a/b"]` ≠ `["a","b"]`). */
const memoKey = (path: InputPath): string => JSON.stringify(path);

/**
 * Resolves input paths from the root as Nix's `LockFile::findInput` (`doFind`) does: each element
 * looks up `inputs[element]`; a follows edge is itself resolved from the root first. A follows path
 * started again while it is still being resolved is a cycle.
 *
 * Unlike a plain recursive `doFind`, this one is iterative (a 50,000-step follows chain does not
 * exhaust the stack) and remembers every path it resolved or failed to resolve, so resolving every
 * edge of a lock is linear in the lock, even around a follows cycle 2,000 long. One difference from Nix: Nix also calls it a cycle when one resolution meets the same follows path
 * twice after the first finished; those locks have a loop through a follows, which the walk tolerates.
 */
/** Why one step of a resolution failed; `onStack` when it is a cycle among the paths being resolved. */
interface Failure {
  readonly error: FollowsError;
  readonly onStack: boolean;
}

export class FollowsResolver {
  private readonly memo = new Map<string, Result<NodeKey, FollowsError>>();
  /** Paths known to fail, with their error made on demand (a cycle's chain is as long as the cycle). */
  private readonly failures = new Map<string, () => FollowsError>();
  private readonly nodes: Nodes;
  private readonly root: NodeKey;

  constructor(nodes: Nodes, root: NodeKey) {
    this.nodes = nodes;
    this.root = root;
  }

  resolve(path: InputPath): Result<NodeKey, FollowsError> {
    const key = memoKey(path);
    const known = this.known(key);
    if (known !== undefined) return known;
    // The first frame is the path asked for; the frames above it are the follows paths started.
    const stack: Frame[] = [{ path, key, i: 0, current: this.root }];
    const started = new Map<string, number>();
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) throw new Error("unreachable: the resolution stack emptied before it returned");
      if (top.i === top.path.length) {
        this.memo.set(top.key, ok(top.current));
        stack.pop();
        started.delete(top.key);
        const below = stack[stack.length - 1];
        if (below === undefined) return ok(top.current);
        below.current = top.current;
        below.i++;
        continue;
      }
      const failure = this.step(top, stack, started);
      if (failure !== undefined) {
        this.remember(stack, failure);
        return this.known(key) ?? err(failure.error);
      }
    }
  }

  /** Where the path leads, or undefined when it does not resolve (without making the error, which can be long). */
  targetOf(path: InputPath): NodeKey | undefined {
    const key = memoKey(path);
    if (this.failures.has(key)) return undefined;
    const r = this.memo.get(key) ?? this.resolve(path);
    return r.ok ? r.value : undefined;
  }

  /** What is known of a path: resolved, failed (its error made now if it was deferred), or nothing. */
  private known(key: string): Result<NodeKey, FollowsError> | undefined {
    const found = this.memo.get(key);
    if (found !== undefined) return found;
    const make = this.failures.get(key);
    if (make === undefined) return undefined;
    const r = err(make());
    this.memo.set(key, r);
    this.failures.delete(key);
    return r;
  }

  /**
   * Every path on the stack fails with the failure met at the top. A cycle among them is told from
   * each path's own point of view (cycleFrom), worked out only for the paths a report asks about.
   */
  private remember(stack: readonly Frame[], failure: Failure): void {
    const paths = stack.map((f) => f.path);
    const { error } = failure;
    stack.forEach((frame, s) => {
      const own =
        error.kind !== "cycle" || !failure.onStack || s === stack.length - 1
          ? () => error
          : () => ({ kind: "cycle" as const, chain: cycleFrom(paths, s, error) });
      this.failures.set(frame.key, own);
    });
  }

  /** Advances the top frame by one element, or starts a follows; says why if resolution fails. */
  private step(top: Frame, stack: Frame[], started: Map<string, number>): Failure | undefined {
    const name = top.path[top.i] ?? "";
    const node = this.nodes.get(top.current);
    const fail = (error: FollowsError, onStack = false): Failure => ({ error, onStack });
    if (node === undefined) return fail({ kind: "missing-node", at: top.path.slice(0, top.i), key: top.current });
    const edge = node.inputs.get(name);
    if (edge === undefined) return fail({ kind: "missing-input", at: top.path.slice(0, top.i), name });
    if (edge.kind === "node") {
      if (!this.nodes.has(edge.key))
        return fail({ kind: "missing-node", at: top.path.slice(0, top.i + 1), key: edge.key });
      top.current = edge.key;
      top.i++;
      return undefined;
    }
    const key = memoKey(edge.path);
    const known = this.known(key);
    if (known !== undefined && !known.ok) return fail(known.error);
    if (known !== undefined) {
      top.current = known.value;
      top.i++;
      return undefined;
    }
    const at = started.get(key);
    if (at !== undefined)
      return fail({ kind: "cycle", chain: [...stack.slice(at).map((f) => f.path), edge.path] }, true);
    started.set(key, stack.length);
    stack.push({ path: edge.path, key, i: 0, current: this.root });
    return undefined;
  }
}

/**
 * The cycle as the path of frame `s` meets it: the follows paths it starts, from the frame above it
 * to the top, then around the loop (which begins at the first repeat of the chain's last path) back
 * to the frame above it. E.g. stack `b, a, b` with chain `a -> b -> a`: frame 1 (`a`) sees `b -> a -> b`.
 */
function cycleFrom(
  paths: readonly InputPath[],
  s: number,
  error: { readonly chain: readonly InputPath[] },
): InputPath[] {
  const loopStart = paths.length - (error.chain.length - 1);
  const ahead = paths.slice(s + 1);
  return s + 1 >= loopStart ? [...ahead, ...paths.slice(loopStart, s + 2)] : [...ahead, paths[loopStart] ?? []];
}

/**
 * Resolves an input path from the root exactly as Nix's `LockFile::findInput` does (see
 * FollowsResolver). For many paths over one graph, keep one FollowsResolver: it remembers what it resolved.
 */
export function resolveInputPath(
  nodes: ReadonlyMap<NodeKey, InputNode>,
  root: NodeKey,
  path: InputPath,
): Result<NodeKey, FollowsError> {
  return new FollowsResolver(nodes, root).resolve(path);
}
