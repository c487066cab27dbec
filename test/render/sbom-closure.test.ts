import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSbom } from "../../src/app/sbom.js";
import type { NixStore } from "../../src/app/ports.js";
import type { SbomModel } from "../../src/domain/sbom-model.js";
import { renderCycloneDxJsonWithLibrary, renderCycloneDx, SPEC_VERSIONS } from "../../src/render/sbom/serialize.js";
import { renderCycloneDxJson } from "../../src/render/sbom/render-json.js";
import { FIXTURES } from "../support/paths.js";
import { TEST_TOOL, testFiles, validateBom } from "../support/sbom.js";

const C = path.join(FIXTURES, "closure");
const noNix = (): NixStore => {
  throw new Error("not used");
};
const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";

function dangling(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-closure-"));
  const f = path.join(dir, "dangling.json");
  writeFileSync(
    f,
    JSON.stringify({
      "/nix/store/0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a-hello-2.12.1": {
        narHash: NAR,
        narSize: 7,
        references: ["/nix/store/1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b-glibc-2.39-52"],
      },
    }),
  );
  return f;
}

async function model(name: string): Promise<{ model: SbomModel; warnings: readonly string[] }> {
  const base = { tool: TEST_TOOL, reproducible: true, name: "app" } as const;
  const lock = path.join(C, "app.flake.lock");
  const r =
    name === "lock-and-closure"
      ? await buildSbom(
          { ...base, lockPath: lock, closure: { file: path.join(C, "list-2.8", "app-closure.json") } },
          testFiles,
          noNix,
        )
      : name === "closure-only"
        ? await buildSbom(
            { ...base, closure: { file: path.join(C, "format-3", "app-closure.json") } },
            testFiles,
            noNix,
          )
        : await buildSbom({ ...base, closure: { file: dangling() } }, testFiles, noNix);
  return {
    model: { ...r.model, ...(r.model.closure ? { closure: { ...r.model.closure, origin: "closure.json" } } : {}) },
    warnings: r.warnings,
  };
}

type Bom = {
  components: Array<{
    "bom-ref": string;
    name: string;
    version?: string;
    properties?: Array<{ name: string; value: string }>;
  }>;
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
};
const NAMES = ["lock-and-closure", "closure-only", "dangling-reference"];

describe("SBOM with a closure", () => {
  it.each(NAMES)("%s: golden JSON, same as the library's serializer", async (name) => {
    const { model: m } = await model(name);
    const json = renderCycloneDxJson(m, "1.6");
    expect(JSON.parse(json)).toEqual(JSON.parse(renderCycloneDxJsonWithLibrary(m, "1.6")));
    await expect(json).toMatchFileSnapshot(`../golden/sbom/${name}.cdx.json`);
  });

  it.each(
    NAMES.flatMap((n) => SPEC_VERSIONS.flatMap((s) => (["json", "xml"] as const).map((f) => [n, s, f] as const))),
  )("%s, spec %s, %s validates", async (name, spec, format) => {
    expect(await validateBom(renderCycloneDx((await model(name)).model, spec, format), spec, format)).toBeNull();
  });

  it("an input whose source path is in the closure is one component with both kinds of facts", async () => {
    const bom = JSON.parse(renderCycloneDxJson((await model("lock-and-closure")).model, "1.6")) as Bom;
    const data = bom.components.find((c) => c["bom-ref"] === "input:data")!;
    const names = data.properties!.map((p) => p.name);
    expect(names).toContain("flake-audit:input_path");
    expect(names).toContain("nix:narinfo:nar_size");
    expect(
      bom.components.filter((c) =>
        c.properties?.some(
          (p) => p.name === "nix:store_path" && p.value === "/nix/store/10q2fdsdvdsr8nzvqs7vv5mjvf432hdg-source",
        ),
      ),
    ).toHaveLength(1);
    const dep = bom.components.find((c) => c.name === "dep")!;
    expect(dep.version).toBe("1.0");
    expect(bom.dependencies.find((d) => d.ref === dep["bom-ref"])?.dependsOn).toEqual(["input:data"]);
    const root = bom.dependencies.find((d) => d.ref === "flake")!;
    expect(root.dependsOn).toContain(bom.components.find((c) => c.name === "top-bin")!["bom-ref"]);
  });

  it("a dangling reference becomes a placeholder component and a warning", async () => {
    const { model: m, warnings } = await model("dangling-reference");
    expect(warnings.join("\n")).toMatch(/not described by the closure data/);
    const bom = JSON.parse(renderCycloneDxJson(m, "1.6")) as Bom;
    const glibc = bom.components.find((c) => c.name === "glibc")!;
    expect(glibc.properties?.find((p) => p.name === "flake-audit:placeholder")).toBeDefined();
  });
});
