import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatInputPath, type InputPath } from "../../src/domain/lock/input-path.js";
import { buildInventory } from "../../src/domain/lock/inventory.js";
import { traverseLock } from "../../src/domain/lock/traversal.js";
import { parseFlakeLock } from "../../src/ingest/lock/flake-lock.js";
import { parseOrThrow } from "../support/lock.js";
import { CORPUS, hasCorpus } from "../support/paths.js";

const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";
const leaf = (p: string, extra: Record<string, unknown> = {}) => ({
  locked: { type: "path", path: p, narHash: NAR },
  original: { type: "path", path: p },
  ...extra,
});
const lockOf = (nodes: Record<string, unknown>) => parseOrThrow(JSON.stringify({ nodes, root: "root", version: 7 }));

/** Every input path an inventory lists (sources and the root flake's own), printed. */
function listedPaths(graph: ReturnType<typeof lockOf>): string[] {
  const inv = buildInventory(graph);
  return [...inv.inputs.flatMap((i) => i.paths), ...inv.rootPaths].map(formatInputPath).sort();
}

describe("input paths through a follows edge (Nix's tree does not expand a follows)", () => {
  // `a/b` follows `b`; `b` has a node input `c` and an input `self` that follows the root flake.
  const graph = lockOf({
    root: { inputs: { a: "a", b: "b" } },
    a: leaf("/a", { inputs: { b: ["b"] } }),
    b: leaf("/b", { inputs: { c: "c", self: [] } }),
    c: leaf("/c"),
  });

  it("lists the inputs of the followed node under its own path only, root follows included", () => {
    expect(listedPaths(graph)).toEqual(["a", "a/b", "b", "b/c", "b/self"]);
    expect(buildInventory(graph).rootPaths.map(formatInputPath)).toEqual(["b/self"]);
  });

  it.skipIf(!hasCorpus)("holds for every real lock: no listed path continues below a follows edge", () => {
    let checked = 0;
    for (const file of readdirSync(path.join(CORPUS, "locks")).sort()) {
      const r = parseFlakeLock(readFileSync(path.join(CORPUS, "locks", file), "utf8"), file);
      if (!r.ok) continue;
      const follows = new Set(
        traverseLock(r.value)
          .inputs.filter((i) => i.ref.kind === "follows")
          .map((i) => formatInputPath(i.path)),
      );
      const inv = buildInventory(r.value);
      const all: InputPath[] = [...inv.inputs.flatMap((i) => i.paths), ...inv.rootPaths];
      for (const p of all)
        for (let k = 1; k < p.length; k++)
          expect(follows.has(formatInputPath(p.slice(0, k))), `${file}: ${formatInputPath(p)}`).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(80);
  });
});

describe("flake = false per input path", () => {
  // One source (identical locked attributes) under two node keys: a flake through `lib` and
  // `app/lib` (which follows it), `flake = false` through `data`.
  const graph = lockOf({
    root: { inputs: { app: "app", data: "lib_2", lib: "lib" } },
    app: leaf("/app", { inputs: { lib: ["lib"] } }),
    lib: leaf("/lib"),
    lib_2: leaf("/lib", { flake: false }),
  });

  it("lists the paths that use a source with flake = false when its paths disagree", () => {
    const lib = buildInventory(graph).inputs.find((i) => i.id === "data");
    expect(lib?.paths.map(formatInputPath)).toEqual(["data", "lib", "app/lib"]);
    expect(lib?.isFlake).toBe(false);
    expect(lib?.nonFlakePaths?.map(formatInputPath)).toEqual(["data"]);
  });
});
