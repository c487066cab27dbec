import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Files } from "../../src/app/ports.js";
import { buildSbom } from "../../src/app/sbom.js";
import { renderCycloneDxJson } from "../../src/render/sbom/render-json.js";
import { renderCycloneDx, renderCycloneDxJsonWithLibrary, SPEC_VERSIONS } from "../../src/render/sbom/serialize.js";
import { FIXTURES } from "../support/paths.js";
import { TEST_TOOL, testFiles } from "../support/sbom.js";

const file = (name: string): string => path.join(FIXTURES, "packages", name);
// The store is not read: mirrors files exist only where the world was built, and a golden file
// must not depend on the machine (mirror resolution is held to the real Nix in the integration test).
const noStore: Files = { ...testFiles, exists: async (p) => !p.startsWith("/nix/store/") && testFiles.exists(p) };

const modelOf = async (buildTime: boolean) =>
  (
    await buildSbom(
      {
        closure: { file: file("world.closure.json") },
        packages: { derivations: file("world.derivations.json"), meta: file("world.meta.json"), buildTime },
        name: "package-world",
        tool: TEST_TOOL,
        reproducible: true,
      },
      noStore,
    )
  ).model;

describe("package components: the fast JSON writer says what the CycloneDX library says", () => {
  it.each(SPEC_VERSIONS)("spec %s (pedigree, which the library has no model for, set aside)", async (spec) => {
    const model = await modelOf(true);
    const ours = JSON.parse(renderCycloneDxJson(model, spec)) as { components: Array<Record<string, unknown>> };
    for (const c of ours.components) delete c["pedigree"];
    expect(ours).toEqual(JSON.parse(renderCycloneDxJsonWithLibrary(model, spec)));
  });
});

describe("CycloneDX golden files of package components (the package world, recorded)", () => {
  it.each([
    ["json", ""],
    ["xml", ""],
    ["json", "-buildtime"],
  ] as const)("%s%s", async (format, variant) => {
    const { model } = await buildSbom(
      {
        closure: { file: file("world.closure.json") },
        packages: {
          derivations: file("world.derivations.json"),
          meta: file("world.meta.json"),
          buildTime: variant === "-buildtime",
        },
        name: "package-world",
        tool: TEST_TOOL,
        reproducible: true,
      },
      noStore,
    );
    await expect(renderCycloneDx(model, "1.6", format)).toMatchFileSnapshot(
      `../golden/sbom/packages${variant}.cdx.${format}`,
    );
  });
});
