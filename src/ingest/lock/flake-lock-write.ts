import type { LockGraph } from "../../domain/lock/graph.js";

type Json = string | number | boolean | Json[] | { [k: string]: Json };

const sortKeys = (v: Json): Json =>
  Array.isArray(v)
    ? v.map(sortKeys)
    : typeof v === "object"
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortKeys(v[k]!)]),
        )
      : v;

/**
 * Writes a LockGraph as a version 7 flake.lock the way Nix does (keys sorted, two-space indent,
 * trailing newline). Version 5 `info` is written merged into `locked`, as Nix itself rewrites it.
 */
export function serializeFlakeLock(graph: LockGraph): string {
  const nodes: Record<string, Json> = {};
  for (const [key, node] of graph.nodes) {
    const out: Record<string, Json> = {};
    if (node.inputs.size > 0) {
      out["inputs"] = Object.fromEntries(
        [...node.inputs].map(([name, ref]) => [name, ref.kind === "node" ? ref.key : [...ref.path]]),
      );
    }
    if (node.locked !== undefined) out["locked"] = { ...node.locked.attrs };
    if (node.original !== undefined) out["original"] = { ...node.original.attrs };
    if (!node.isFlake) out["flake"] = false;
    if (node.parent !== undefined) out["parent"] = [...node.parent];
    if (node.buildTime === true) out["buildTime"] = true;
    nodes[key] = out;
  }
  return `${JSON.stringify(sortKeys({ nodes, root: graph.root, version: 7 }), null, 2)}\n`;
}
