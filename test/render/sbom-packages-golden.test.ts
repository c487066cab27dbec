import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Files } from "../../src/app/ports.js";
import { buildSbom } from "../../src/app/sbom.js";
import { renderCycloneDx } from "../../src/render/sbom/serialize.js";
import { FIXTURES } from "../support/paths.js";
import { TEST_TOOL, testFiles } from "../support/sbom.js";

const file = (name: string): string => path.join(FIXTURES, "packages", name);
// The store is not read: mirrors files exist only where the world was built, and a golden file
// must not depend on the machine (mirror resolution is held to the real Nix in the integration test).
const noStore: Files = { ...testFiles, exists: async (p) => !p.startsWith("/nix/store/") && testFiles.exists(p) };

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
