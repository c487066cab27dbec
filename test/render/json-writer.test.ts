import { describe, expect, it } from "vitest";
import { renderCycloneDxJsonWithLibrary, SPEC_VERSIONS } from "../../src/render/sbom/serialize.js";
import { renderCycloneDxJson } from "../../src/render/sbom/render-json.js";
import { lockFixture, lockFixtures } from "../support/paths.js";
import { modelOf } from "../support/sbom.js";

describe("the fast JSON writer says exactly what the CycloneDX library's serializer says", () => {
  const cases = lockFixtures("valid").flatMap((f) => SPEC_VERSIONS.map((spec) => [f, spec] as const));
  it.each(cases)("%s, spec %s", async (file, spec) => {
    const model = {
      ...(await modelOf(lockFixture("valid", file))),
      serialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
      timestamp: new Date(1704164645000),
    };
    expect(withoutPedigree(JSON.parse(renderCycloneDxJson(model, spec)))).toEqual(
      JSON.parse(renderCycloneDxJsonWithLibrary(model, spec)),
    );
  });
});

/** The library has no model for pedigree, so the comparison leaves it out (it is schema-checked elsewhere). */
function withoutPedigree(bom: { components?: Array<Record<string, unknown>> }): unknown {
  for (const c of bom.components ?? []) delete c["pedigree"];
  return bom;
}
