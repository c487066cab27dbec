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
 * exhaust the stack) and remembers every path it resolved, so resolving every edge of a lock is
 * linear in the lock. Failures are not remembered (ingest stops after a bounded number of issues).
 * One difference from Nix: Nix also calls it a cycle when one resolution meets the same follows path
 * twice after the first finished; those locks have a loop through a follows, which the walk tolerates.
 */
export class FollowsResolver {
  private readonly memo = new Map<string, NodeKey>();
  private readonly nodes: Nodes;
  private readonly root: NodeKey;

  constructor(nodes: Nodes, root: NodeKey) {
    this.nodes = nodes;
    this.root = root;
  }

  resolve(path: InputPath): Result<NodeKey, FollowsError> {
    const known = this.memo.get(memoKey(path));
    if (known !== undefined) return ok(known);
    // The first frame is the path asked for; the frames above it are the follows paths started.
    const stack: Frame[] = [{ path, key: memoKey(path), i: 0, current: this.root }];
    const started = new Map<string, number>();
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) throw new Error("unreachable: the resolution stack emptied before it returned");
      if (top.i === top.path.length) {
        this.memo.set(top.key, top.current);
        stack.pop();
        started.delete(top.key);
        const below = stack[stack.length - 1];
        if (below === undefined) return ok(top.current);
        below.current = top.current;
        below.i++;
        continue;
      }
      const step = this.step(top, stack, started);
      if (step !== undefined) return step;
    }
  }

  /** Advances the top frame by one element, or starts a follows; returns an error if resolution fails. */
  private step(top: Frame, stack: Frame[], started: Map<string, number>): Result<never, FollowsError> | undefined {
    const name = top.path[top.i] ?? "";
    const node = this.nodes.get(top.current);
    if (node === undefined) return err({ kind: "missing-node", at: top.path.slice(0, top.i), key: top.current });
    const edge = node.inputs.get(name);
    if (edge === undefined) return err({ kind: "missing-input", at: top.path.slice(0, top.i), name });
    if (edge.kind === "node") {
      if (!this.nodes.has(edge.key))
        return err({ kind: "missing-node", at: top.path.slice(0, top.i + 1), key: edge.key });
      top.current = edge.key;
      top.i++;
      return undefined;
    }
    const key = memoKey(edge.path);
    const known = this.memo.get(key);
    if (known !== undefined) {
      top.current = known;
      top.i++;
      return undefined;
    }
    const at = started.get(key);
    if (at !== undefined) return err({ kind: "cycle", chain: [...stack.slice(at).map((f) => f.path), edge.path] });
    started.set(key, stack.length);
    stack.push({ path: edge.path, key, i: 0, current: this.root });
    return undefined;
  }
}
