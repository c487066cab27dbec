import { chainFromRoots, closureRoots, type Closure } from "./closure.js";
import { referrers } from "./graph.js";
import { buildSources, derivationOf, type DerivationSet } from "../nix/derivation.js";
import { compareStrings } from "../lock/input-path.js";
import type { LockedInput, LockInventory } from "../lock/inventory.js";
import { formatStorePath } from "../nix/store-path.js";

// Index `!`s here: tsc (noUncheckedIndexedAccess) cannot see that ids below the path count, and
// offsets taken from refStart, are in range of the typed arrays they index; checks would slow the walks.

/** A source path that a traced path was built from or embeds, with the inputs it belongs to. */
export interface TracedSource {
  readonly path: string;
  /** `derivation`: read by the build (inputSrcs); `references`: embedded at run time. */
  readonly via: "derivation" | "references";
  /** Steps away: derivations for `derivation`, references for `references` (1 = direct). */
  readonly depth: number;
  readonly inputs: readonly LockedInput[];
}

export interface TraceResult {
  readonly path: string;
  /** `source`: the path is a locked input's source; `output`: anything else in the closure. */
  readonly kind: "source" | "derivation" | "output" | "unknown";
  readonly attribution: "source" | "build" | "none";
  /**
   * Every input the path is attributed to: those whose computed store path it is, then those of the
   * sources it was built from or embeds (nearest first), each once.
   */
  readonly inputs: readonly LockedInput[];
  /** For outputs: locked sources among its derivation's inputs and its run-time references, nearest first. */
  readonly sources: readonly TracedSource[];
  /** The shortest reference chain from a closure root to the path, root first. */
  readonly chain: readonly string[];
  readonly deriver?: string;
  /** When nothing matched: the nearest path above it in the chain that is attributed, if any. */
  readonly nearestAttributed?: { readonly path: string; readonly inputs: readonly LockedInput[] };
}

export interface TraceContext {
  readonly inventory?: LockInventory;
  readonly closure?: Closure;
  readonly derivations?: DerivationSet;
  /** Closure tops; computed from the closure when absent. */
  readonly roots?: readonly string[];
}

/** Store path → the locked inputs whose computed source path it is. */
export function sourceIndex(inventory: LockInventory | undefined): ReadonlyMap<string, LockedInput[]> {
  const out = new Map<string, LockedInput[]>();
  for (const input of inventory?.inputs ?? []) {
    if (input.storePath === undefined) continue;
    const p = formatStorePath(input.storePath);
    const list = out.get(p);
    if (list === undefined) out.set(p, [input]);
    else list.push(input);
  }
  return out;
}

/** Locked sources a path embeds: breadth-first over run-time references, nearest first. */
function embeddedSources(c: Closure, from: string, index: ReadonlyMap<string, LockedInput[]>): TracedSource[] {
  const out: TracedSource[] = [];
  const start = c.ids.get(from);
  if (start === undefined) return out;
  const { paths, described, refStart, refIds } = c.graph;
  // Only ids whose path is some input's source can match; test those, not every path reached.
  const wanted = new Map<number, LockedInput[]>();
  for (const [p, inputs] of index) {
    const id = c.ids.get(p);
    if (id !== undefined) wanted.set(id, inputs);
  }
  if (wanted.size === 0) return out;
  const seen = new Uint8Array(paths.length);
  seen[start] = 1;
  let frontier = [start];
  for (let depth = 1; frontier.length > 0; depth++) {
    const following: number[] = [];
    const found: TracedSource[] = [];
    for (const i of frontier) {
      if (i >= described) continue;
      for (let k = refStart[i]!; k < refStart[i + 1]!; k++) {
        const r = refIds[k]!;
        if (seen[r] === 1) continue;
        seen[r] = 1;
        following.push(r);
        const inputs = wanted.get(r);
        if (inputs !== undefined) found.push({ path: paths[r]!, via: "references", depth, inputs });
      }
    }
    out.push(...found.sort((a, b) => compareStrings(a.path, b.path)));
    frontier = following;
  }
  return out;
}

/**
 * The derivation that built `path`: the closure's deriver when the derivation set has it, else the
 * set's output map (a fixed output is often built by another .drv than the one the store
 * registered, and Nix 2.32+ prints fixed outputs without a path: the set computes it); else the
 * closure's deriver as named.
 */
function deriverOf(path: string, ctx: TraceContext): string | undefined {
  const named = ctx.closure?.infos.get(path)?.deriver;
  const known = ctx.derivations !== undefined ? derivationOf(ctx.derivations, path, named) : undefined;
  return known?.path ?? named;
}

function sourcesOf(
  path: string,
  ctx: TraceContext,
  index: ReadonlyMap<string, LockedInput[]>,
): { sources: TracedSource[]; deriver?: string } {
  const deriver = path.endsWith(".drv") ? path : deriverOf(path, ctx);
  const sources: TracedSource[] = [];
  const seen = new Set<string>();
  if (deriver !== undefined && ctx.derivations !== undefined) {
    for (const s of buildSources(ctx.derivations, deriver)) {
      const inputs = index.get(s.path);
      if (inputs !== undefined && !seen.has(s.path)) {
        seen.add(s.path);
        sources.push({ path: s.path, via: "derivation", depth: s.depth, inputs });
      }
    }
  }
  if (ctx.closure !== undefined)
    for (const s of embeddedSources(ctx.closure, path, index)) if (!seen.has(s.path)) sources.push(s);
  return { sources, ...(deriver !== undefined ? { deriver } : {}) };
}

/** Which flake inputs a store path came from, and how it hangs in its closure. Pure. */
export function traceStorePath(path: string, ctx: TraceContext): TraceResult {
  const index = sourceIndex(ctx.inventory);
  const closure = ctx.closure;
  const roots = new Set(ctx.roots ?? (closure !== undefined ? closureRoots(closure) : []));
  const chain = closure !== undefined ? (chainFromRoots(closure, referrers(closure.graph), roots, path) ?? []) : [];
  const direct = index.get(path) ?? [];
  const { sources, deriver } = sourcesOf(path, ctx, index);
  const kind =
    direct.length > 0
      ? "source"
      : path.endsWith(".drv")
        ? "derivation"
        : closure?.infos.has(path) === true || deriver !== undefined
          ? "output"
          : "unknown";
  const attribution = direct.length > 0 ? "source" : sources.length > 0 ? "build" : "none";
  const base = {
    path,
    kind,
    attribution,
    // Every input the path is attributed to: its own first, then those of its sources, nearest first.
    inputs: [...new Set([...direct, ...sources.flatMap((s) => s.inputs)])],
    sources,
    chain,
    ...(deriver !== undefined ? { deriver } : {}),
  } as const;
  if (attribution !== "none") return base;
  for (const above of chain.slice(0, -1).reverse()) {
    const inputs = index.get(above) ?? sourcesOf(above, ctx, index).sources.flatMap((s) => s.inputs);
    if (inputs.length > 0) return { ...base, nearestAttributed: { path: above, inputs: [...new Set(inputs)] } };
  }
  return base;
}
