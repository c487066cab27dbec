import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatInputPath } from "../../src/domain/lock/input-path.js";
import { buildInventory, type LockInventory } from "../../src/domain/lock/inventory.js";
import { indexLock } from "../../src/domain/lock/input-index.js";
import { formatStorePath } from "../../src/domain/nix/store-path.js";
import { fixtureGraph, parseOrThrow } from "../support/lock.js";
import { FIXTURES } from "../support/paths.js";

/** One readable line per distinct source: `id [paths] -> deps`. */
const summary = (inv: LockInventory): string[] =>
  inv.inputs.map(
    (i) =>
      `${i.id} [${i.paths.map(formatInputPath).join(", ")}] -> ${[...i.dependsOn, ...(i.dependsOnRoot ? ["(root)"] : [])].join(", ") || "-"}`,
  );

describe("inventory of a lock", () => {
  it("collapses nodes with identical locked attributes and lists every input path", () => {
    const inv = buildInventory(fixtureGraph("follows-chain"));
    expect(summary(inv)).toEqual(["libA [libA, mid/libA, mid2/libA, mid3/libA] -> -", "mid [mid, mid2, mid3] -> libA"]);
    expect(inv.rootDependsOn).toEqual(["libA", "mid"]);
  });

  it("gives the same inventory for versions 5, 6 and 7 of the same lock", () => {
    const v7 = summary(buildInventory(fixtureGraph("follows-chain")));
    expect(summary(buildInventory(fixtureGraph("version-6")))).toEqual(v7);
    expect(summary(buildInventory(fixtureGraph("version-5")))).toEqual(v7);
    const stores = (name: string) =>
      buildInventory(fixtureGraph(name)).inputs.map((i) => i.storePath && formatStorePath(i.storePath));
    expect(stores("version-5")).toEqual(stores("follows-chain"));
  });

  it("resolves a follows to the root flake as a dependency on the root", () => {
    const inv = buildInventory(fixtureGraph("follows-root"));
    expect(summary(inv)).toEqual(["mid [mid] -> (root)"]);
  });

  it("resolves relative path inputs against their parent, as Nix does: one directory is one source", () => {
    // Nix's relative-paths.sh lock, locked in sub2: `root` is `..`, `sub1` is `../sub1`, and both
    // `root/sub0` and `sub1/root/sub0` are `../sub0` (sub1's `../` is the same directory as `..`).
    const inv = buildInventory(fixtureGraph("relative-parent"));
    expect(
      inv.inputs.map(
        (i) =>
          `${i.paths.map(formatInputPath).join(",")} ${i.locked.type === "path" ? i.locked.path : ""} ${i.relativeTo} ${i.pinning} ${i.storePath === undefined}`,
      ),
    ).toEqual([
      "root,sub1/root .. (root) relative true",
      "sub1 ../sub1 (root) relative true",
      "root/sub0,sub1/root/sub0 ../sub0 (root) relative true",
    ]);
  });

  it("classifies pinning", () => {
    const inv = buildInventory(fixtureGraph("unlocked"));
    expect(inv.inputs.map((i) => `${i.id}:${i.pinning}`)).toEqual([
      "dirty:content", // a narHash fixes the content; check reports the missing rev
      "libA:rev-only",
      "mid:content",
      "mid/libA:content",
    ]);
  });

  it("computes the same store paths as `nix flake archive --json` (recorded with Nix 2.8)", () => {
    const archive = JSON.parse(
      readFileSync(path.join(FIXTURES, "flake-lock", "nix-archive.all-local-kinds.json"), "utf8"),
    ) as { inputs: Record<string, { path: string }> };
    const inv = buildInventory(fixtureGraph("all-local-kinds"));
    const byPath = new Map(inv.inputs.flatMap((i) => i.paths.map((p) => [formatInputPath(p), i] as const)));
    expect(Object.keys(archive.inputs).length).toBeGreaterThan(5);
    for (const [name, entry] of Object.entries(archive.inputs)) {
      const input = byPath.get(name);
      expect(input?.storePath && formatStorePath(input.storePath), name).toBe(entry.path);
    }
  });

  it("lists a node reachable in exponentially many ways under the paths Nix lists, marking the rest truncated", () => {
    // A ladder of shared nodes: each level reaches the next through two names.
    const nodes: Record<string, unknown> = { root: { inputs: { a: "n0", b: "n0" } } };
    for (let i = 0; i < 20; i++) {
      nodes[`n${i}`] = {
        inputs: i < 19 ? { a: `n${i + 1}`, b: `n${i + 1}` } : {},
        locked: { type: "path", path: `/p/${i}`, narHash: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=" },
        original: { type: "path", path: `/p/${i}` },
      };
    }
    const graph = parseOrThrow(JSON.stringify({ nodes, root: "root", version: 7 }));
    const index = indexLock(graph);
    expect(index.truncated.length).toBeGreaterThan(0);
    expect(Math.max(...[...index.paths.values()].map((p) => p.length))).toBeLessThanOrEqual(64);
    // Each node's inputs are listed once, under its first path: two paths per level, not 2^level.
    expect([...index.paths.values()].map((p) => p.length)).toEqual(Array(20).fill(2));
    expect(index.truncated.length).toBe(19); // n1…n19: below n0, which the root reaches by two edges
  });

  it("lists every follows alias of a node, however many", () => {
    const inputs: Record<string, unknown> = { nixpkgs: "nixpkgs" };
    const nodes: Record<string, unknown> = { root: { inputs } };
    const leaf = {
      locked: { type: "path", path: "/p", narHash: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=" },
      original: { type: "path", path: "/p" },
    };
    nodes["nixpkgs"] = leaf;
    for (let i = 0; i < 100; i++) {
      inputs[`f${i}`] = `f${i}`;
      nodes[`f${i}`] = { ...leaf, locked: { ...leaf.locked, path: `/f${i}` }, inputs: { nixpkgs: ["nixpkgs"] } };
    }
    const inv = buildInventory(parseOrThrow(JSON.stringify({ nodes, root: "root", version: 7 })));
    expect(inv.inputs.find((i) => i.id === "nixpkgs")?.paths).toHaveLength(101);
    expect(inv.truncatedPaths).toEqual([]);
  });
});
