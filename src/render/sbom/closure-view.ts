import type { Closure, PathInfo } from "../../domain/closure/closure.js";
import { formatContentAddress } from "../../domain/nix/content-address.js";
import { parseStoreName } from "../../domain/nix/store-name.js";
import { toBase16, toPrefixedNix32 } from "../../domain/nix/hash.js";
import { compareStrings } from "../../domain/lock/input-path.js";
import type { ComponentView } from "./component-view.js";
import { FlakeAuditProperty as FA, NixProperty as NIX } from "./properties.js";

// Index `!`s here: tsc (noUncheckedIndexedAccess) cannot see that ids below the path count, and
// offsets taken from refStart, are in range of the typed arrays they index; checks would slow the walks.

type Props = Array<readonly [string, string]>;

/** Store facts as properties of the registered `nix:` taxonomy. */
export function storeProperties(info: PathInfo): Props {
  const props: Props = [[NIX.narHash, toPrefixedNix32(info.narHash)]];
  if (info.narSize !== undefined) props.push([NIX.narSize, String(info.narSize)]);
  if (info.deriver !== undefined) props.push([NIX.deriver, info.deriver]);
  if (info.ca !== undefined) props.push([NIX.ca, formatContentAddress(info.ca)]);
  for (const s of info.signatures) props.push([NIX.sig, `${s.keyName}:${s.sig}`]);
  if (info.references.length > 0) props.push([NIX.references, info.references.join(" ")]);
  return props;
}

/** A component that a store path's facts can join: a lock input whose source path is in the closure. */
export interface MergeTarget {
  readonly bomRef: string;
  readonly properties: Props;
  readonly dependsOn: string[];
}

/**
 * The closure's store paths as components, made on demand in bom-ref order: a closure of 100,000
 * paths never exists as 100,000 view objects at once. A path that is a lock input's computed source
 * path joins that input's component instead (its facts are added to `merged` up front), and
 * references to paths the data does not describe become placeholder components.
 */
export interface ClosureComponents {
  readonly count: number;
  /** Bom-refs of the roots, with merged paths under their input's bom-ref. */
  readonly rootRefs: readonly string[];
  /** Store paths as StoreItems; package outputs and --buildtime sources as their ComponentViews. */
  items(): Generator<StoreItem | ComponentView>;
}

/** A store path's component before it is shaped: writers turn it into text or a ComponentView. */
export interface StoreItem {
  readonly kind: "store";
  readonly path: string;
  /** Absent for a referenced path the data does not describe (a placeholder). */
  readonly info: PathInfo | undefined;
  /** Bom-refs of its references, made from the graph on each read rather than kept. */
  readonly dependsOn: string[];
}

/** What packages add to a closure's components (package-view.ts): their views, and --buildtime sources. */
export interface PackageHooks {
  view(item: StoreItem): StoreItem | ComponentView;
  readonly buildTime: readonly ComponentView[];
}

export function closureComponents(
  closure: Closure,
  merged: ReadonlyMap<string, MergeTarget>,
  roots: readonly string[],
  packages?: PackageHooks,
): ClosureComponents {
  const { paths, described, refStart, refIds } = closure.graph;
  const mergedById = new Map<number, MergeTarget>();
  for (const [p, target] of merged) {
    const id = closure.ids.get(p);
    if (id !== undefined) mergedById.set(id, target);
  }
  const refOf = (id: number): string => mergedById.get(id)?.bomRef ?? paths[id]!;
  const depsOf = (id: number): string[] => {
    const deps: string[] = [];
    if (id < described)
      for (let k = refStart[id]!; k < refStart[id + 1]!; k++) if (refIds[k] !== id) deps.push(refOf(refIds[k]!));
    return deps;
  };
  for (const [id, target] of mergedById) {
    if (id >= described) continue;
    for (const p of storeProperties(closure.list[id]!))
      if (!target.properties.some((q) => q[0] === p[0] && q[1] === p[1])) target.properties.push(p);
    target.dependsOn.push(...depsOf(id));
  }
  const order: number[] = [];
  for (let id = 0; id < paths.length; id++) if (!mergedById.has(id)) order.push(id);
  order.sort((a, b) => compareStrings(paths[a]!, paths[b]!));
  // --buildtime sources: store paths outside the runtime closure, listed among its paths in order.
  const extra = (packages?.buildTime ?? []).filter((v) => closure.ids.get(v.bomRef) === undefined);
  extra.sort((a, b) => compareStrings(a.bomRef, b.bomRef));
  return {
    count: order.length + extra.length,
    rootRefs: roots.map((r) => merged.get(r)?.bomRef ?? r),
    *items() {
      let next = 0;
      for (const id of order) {
        const path = paths[id]!;
        while (next < extra.length && compareStrings(extra[next]!.bomRef, path) < 0) yield extra[next++]!;
        const item: StoreItem = {
          kind: "store",
          path,
          info: id < described ? closure.list[id] : undefined,
          get dependsOn() {
            return depsOf(id);
          },
        };
        yield packages !== undefined ? packages.view(item) : item;
      }
      while (next < extra.length) yield extra[next++]!;
    },
  };
}

export const PLACEHOLDER_NOTE = "referenced by the closure data but not described in it";

/** The generic view of a store item (the JSON writer has a faster path held equal to it). */
export function storeItemView({ path, info, dependsOn }: StoreItem): ComponentView {
  const parsed = parseStoreName(path.slice(path.lastIndexOf("/") + 34));
  const props: Props = [[NIX.storePath, path]];
  if (info !== undefined) props.push(...storeProperties(info));
  else props.push([FA.placeholder, PLACEHOLDER_NOTE]);
  if (parsed.output !== undefined) props.push([FA.output, parsed.output]);
  return {
    type: parsed.isDerivation ? "file" : "library",
    name: parsed.pname,
    ...(parsed.version !== undefined ? { version: parsed.version } : {}),
    bomRef: path,
    ...(info !== undefined && info.narHash.algo === "sha256" ? { sha256: toBase16(info.narHash.bytes) } : {}),
    externalReferences: [],
    properties: props,
    dependsOn,
  };
}
