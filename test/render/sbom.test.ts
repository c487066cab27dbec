import { describe, expect, it } from "vitest";
import { renderCycloneDx, SPEC_VERSIONS } from "../../src/render/sbom/serialize.js";
import { lockFixture, lockFixtures } from "../support/paths.js";
import { modelOf, validateBom } from "../support/sbom.js";
import { hasXmllint, reportXmllintSkip, xmllintErrors } from "../support/xmllint.js";

reportXmllintSkip("CycloneDX XML goldens");

const VALID = lockFixtures("valid").map((f) => f.replace(/\.lock$/, ""));

interface BomJson {
  components?: Array<{ "bom-ref": string; properties?: Array<{ name: string; value: string }> }>;
  dependencies?: Array<{ ref: string; dependsOn?: string[] }>;
  metadata: { component: { "bom-ref": string } };
}

describe("CycloneDX golden files (reproducible, spec 1.6)", () => {
  it.each(VALID)("%s.json", async (name) => {
    const model = await modelOf(lockFixture("valid", `${name}.lock`));
    const first = renderCycloneDx(model, "1.6", "json");
    expect(renderCycloneDx(model, "1.6", "json")).toBe(first);
    await expect(first).toMatchFileSnapshot(`../golden/sbom/${name}.cdx.json`);
  });

  it.each(["follows-chain", "other-kinds"])("%s.xml", async (name) => {
    const model = await modelOf(lockFixture("valid", `${name}.lock`));
    const xml = renderCycloneDx(model, "1.6", "xml");
    await expect(xml).toMatchFileSnapshot(`../golden/sbom/${name}.cdx.xml`);
    if (hasXmllint) expect(xmllintErrors(xml)).toBe("");
  });
});

describe("every BOM passes the CycloneDX library validators", () => {
  const cases = VALID.flatMap((name) =>
    SPEC_VERSIONS.flatMap((spec) => (["json", "xml"] as const).map((format) => [name, spec, format] as const)),
  );
  it.each(cases)("%s, spec %s, %s", async (name, spec, format) => {
    const text = renderCycloneDx(await modelOf(lockFixture("valid", `${name}.lock`)), spec, format);
    expect(await validateBom(text, spec, format)).toBeNull();
  });
});

describe("dependency graph", () => {
  it.each(VALID)("%s: every dependsOn names a component, and the root lists its direct inputs", async (name) => {
    const bom = JSON.parse(
      renderCycloneDx(await modelOf(lockFixture("valid", `${name}.lock`)), "1.6", "json"),
    ) as BomJson;
    const refs = new Set([bom.metadata.component["bom-ref"], ...(bom.components ?? []).map((c) => c["bom-ref"])]);
    for (const d of bom.dependencies ?? []) {
      expect(refs.has(d.ref)).toBe(true);
      for (const on of d.dependsOn ?? []) expect(refs.has(on), `${d.ref} -> ${on}`).toBe(true);
    }
    if ((bom.components ?? []).length > 0)
      expect(bom.dependencies?.find((d) => d.ref === "flake")?.dependsOn?.length).toBeGreaterThan(0);
  });

  it("follows-chain: mid depends on libA, which mid2 and mid3 follow", async () => {
    const bom = JSON.parse(
      renderCycloneDx(await modelOf(lockFixture("valid", "follows-chain.lock")), "1.6", "json"),
    ) as BomJson;
    expect(bom.dependencies).toEqual([
      { ref: "flake", dependsOn: ["input:libA", "input:mid"] },
      { ref: "input:libA", dependsOn: [] },
      { ref: "input:mid", dependsOn: ["input:libA"] },
    ]);
    const libA = bom.components?.find((c) => c["bom-ref"] === "input:libA");
    expect(libA?.properties?.filter((p) => p.name === "flake-audit:input_path").map((p) => p.value)).toEqual([
      "libA",
      "mid/libA",
      "mid2/libA",
      "mid3/libA",
    ]);
  });
});
