import { describe, expect, it } from "vitest";
import { buildInventory } from "../../../src/domain/lock/inventory.js";
import type { SbomModel } from "../../../src/domain/sbom-model.js";
import { renderCycloneDx } from "../../../src/render/sbom/serialize.js";
import { parseOrThrow } from "../../support/lock.js";
import { TEST_TOOL, validateBom } from "../../support/sbom.js";

const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";
const leaf = (p: string, extra: Record<string, unknown> = {}) => ({
  locked: { type: "path", path: p, narHash: NAR },
  original: { type: "path", path: p },
  ...extra,
});

/** One source under two node keys: a flake through `lib` and `app/lib`, `flake = false` through `data`. */
const LOCK = {
  nodes: {
    root: { inputs: { app: "app", data: "lib_2", lib: "lib", raw: "raw" } },
    app: leaf("/app", { inputs: { lib: ["lib"] } }),
    lib: leaf("/lib"),
    lib_2: leaf("/lib", { flake: false }),
    raw: leaf("/raw", { flake: false }),
  },
  root: "root",
  version: 7,
};

function flakeProps(json: string): Record<string, Array<[string, string]>> {
  const bom = JSON.parse(json) as {
    components: Array<{ "bom-ref": string; properties: Array<{ name: string; value: string }> }>;
  };
  return Object.fromEntries(
    bom.components.map((c) => [
      c["bom-ref"],
      c.properties
        .filter((p) => p.name === "flake-audit:flake" || p.name === "flake-audit:non_flake_input_path")
        .map((p) => [p.name, p.value] as [string, string]),
    ]),
  );
}

describe("flake-audit:flake per input path", () => {
  const model: SbomModel = {
    tool: TEST_TOOL,
    flakeName: "t",
    inventory: buildInventory(parseOrThrow(JSON.stringify(LOCK))),
    reproducible: true,
    gaps: [],
  };

  it("says mixed and names the non-flake paths when a source's paths disagree; once otherwise", async () => {
    const json = renderCycloneDx(model, "1.6", "json");
    expect(flakeProps(json)).toEqual({
      "input:app": [],
      "input:data": [
        ["flake-audit:flake", "mixed"],
        ["flake-audit:non_flake_input_path", "data"],
      ],
      "input:raw": [["flake-audit:flake", "false"]],
    });
    expect(await validateBom(json, "1.6", "json")).toBeNull();
    const xml = renderCycloneDx(model, "1.6", "xml");
    expect(xml).toContain('<property name="flake-audit:non_flake_input_path">data</property>');
    expect(await validateBom(xml, "1.6", "xml")).toBeNull();
  });
});
