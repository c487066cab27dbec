import { describe, expect, it } from "vitest";
import { formatInputPath } from "../../src/domain/lock/input-path.js";
import { buildInventory } from "../../src/domain/lock/inventory.js";
import { joinRelative } from "../../src/domain/lock/relative-path.js";
import { parseOrThrow } from "../support/lock.js";

const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";
const rel = (p: string, parent: string[], extra: Record<string, unknown> = {}) => ({
  locked: { type: "path", path: p },
  original: { type: "path", path: p },
  parent,
  ...extra,
});

describe("joinRelative (CanonPath's normalisation)", () => {
  it.each([
    [".", "sub0", false, "sub0"],
    ["..", "sub0", false, "../sub0"],
    ["../sub1", "../", false, ".."],
    [".", "", false, "."],
    ["a/./b", "c//d/", false, "a/b/c/d"],
    [".", "../..", false, "../.."],
    // Inside a source, `..` stops at its root.
    ["nix", "../../../tools", true, "tools"],
    ["nix", "..", true, "."],
  ])("%s + %s (clamp %s) = %s", (base, path, clamp, want) => {
    expect(joinRelative(base, path, clamp)).toBe(want);
  });
});

describe("relative path inputs inside another input's source", () => {
  const graph = parseOrThrow(
    JSON.stringify({
      nodes: {
        root: { inputs: { mono: "mono", other: "other" } },
        mono: {
          inputs: { tools: "tools", up: "up" },
          locked: { type: "path", path: "/src/mono", narHash: NAR, dir: "nix" },
          original: { type: "path", path: "/src/mono", dir: "nix" },
        },
        tools: rel("../tools", ["mono"], { inputs: { self2: "self2" } }),
        self2: rel(".", ["mono", "tools"]),
        up: rel("../../..", ["mono"]),
        other: rel("../tools", []),
      },
      root: "root",
      version: 7,
    }),
  );

  it("is located in that source from its root, and relative to it", () => {
    const inv = buildInventory(graph);
    const rows = inv.inputs.map(
      (i) =>
        `${i.paths.map(formatInputPath).join(",")} ${i.locked.type === "path" ? i.locked.path : ""} ${i.relativeTo}`,
    );
    expect(rows).toEqual([
      "mono /src/mono undefined",
      "other ../tools (root)",
      "mono/tools,mono/tools/self2 tools mono",
      "mono/up . mono",
    ]);
  });

  it("leaves a loop of parents unlocated instead of hanging", () => {
    const loop = parseOrThrow(
      JSON.stringify({
        nodes: {
          root: { inputs: { a: "a" } },
          a: rel("x", ["a", "b"], { inputs: { b: "b" } }),
          b: rel("y", ["a"]),
        },
        root: "root",
        version: 7,
      }),
    );
    const rows = buildInventory(loop).inputs.map(
      (i) => `${i.id} ${i.locked.type === "path" ? i.locked.path : ""} ${i.relativeTo}`,
    );
    expect(rows).toEqual(["a x undefined", "a/b y undefined"]);
  });
});
