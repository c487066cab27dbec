import type { ChangedInput } from "./model.js";
import { compareChanged, ownChange, type Sides } from "./own-change.js";

/** How many changed inputs a rebuild names; the rest are "and others". */
export const MAX_CAUSES = 3;

export interface Causes {
  readonly list: readonly ChangedInput[];
  readonly more: boolean;
}

const NONE: Causes = { list: [], more: false };

/** Union of cause lists, the first MAX_CAUSES by name, and whether more were left out. */
function union(parts: readonly Causes[]): Causes {
  const all: ChangedInput[] = [];
  let more = false;
  for (const p of parts) {
    more ||= p.more;
    all.push(...p.list);
  }
  all.sort(compareChanged);
  const out: ChangedInput[] = [];
  for (const c of all) {
    const last = out[out.length - 1];
    if (last !== undefined && compareChanged(last, c) === 0) continue;
    if (out.length === MAX_CAUSES) {
      more = true;
      break;
    }
    out.push(c);
  }
  return { list: out, more };
}

/**
 * Why each derivation of the new side that the old side lacks rebuilds: its own change (version,
 * source, patches, new) when it has one, else the union of its rebuilt inputs' causes, bounded to
 * MAX_CAUSES. Memoised over the graph in post-order with an explicit stack: linear in the edges
 * of the rebuilt part (times MAX_CAUSES), and no recursion however deep the closure.
 */
export class RebuildCauses {
  private readonly memo = new Map<string, Causes>();

  private readonly s: Sides;

  constructor(s: Sides) {
    this.s = s;
  }

  private rebuilt(path: string): boolean {
    return this.s.new.set.byPath.has(path) && !this.s.old.set.byPath.has(path);
  }

  /** The changed inputs a rebuilt derivation is built from (not counting its own change). */
  viaInputs(drvPath: string): Causes {
    const d = this.s.new.set.byPath.get(drvPath);
    if (d === undefined) return NONE;
    const parts: Causes[] = [];
    for (const dep of d.inputDrvs.keys()) if (this.rebuilt(dep)) parts.push(this.of(dep));
    return parts.length > 0 ? union(parts) : NONE;
  }

  /** What a rebuilt derivation passes on to what depends on it. */
  of(drvPath: string): Causes {
    const known = this.memo.get(drvPath);
    if (known !== undefined) return known;
    const stack: Array<[string, boolean]> = [[drvPath, false]];
    const open = new Set<string>();
    while (stack.length > 0) {
      const top = stack.pop();
      if (top === undefined) break;
      const [path, expanded] = top;
      if (this.memo.has(path) || (!expanded && open.has(path))) continue;
      const own = ownChange(this.s, path);
      if (own !== undefined) {
        this.memo.set(path, { list: [own], more: false });
        continue;
      }
      const d = this.s.new.set.byPath.get(path);
      const deps = d === undefined ? [] : [...d.inputDrvs.keys()].filter((p) => this.rebuilt(p));
      if (!expanded && deps.some((p) => !this.memo.has(p) && !open.has(p))) {
        open.add(path);
        stack.push([path, true]);
        for (const p of deps) if (!this.memo.has(p) && !open.has(p)) stack.push([p, false]);
        continue;
      }
      // A cycle cannot occur in a derivation graph; a hostile document's reads as no cause.
      this.memo.set(path, union(deps.map((p) => this.memo.get(p) ?? NONE)));
    }
    return this.memo.get(drvPath) ?? NONE;
  }
}
