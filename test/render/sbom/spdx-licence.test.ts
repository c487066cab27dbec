import { describe, expect, it } from "vitest";
import type { ComponentView } from "../../../src/render/sbom/component-view.js";
import type { LicenseView } from "../../../src/render/sbom/package-parts.js";
import { chooseLicence } from "../../../src/render/sbom/spdx/licence-choice.js";

const base: ComponentView = {
  type: "library",
  name: "x",
  bomRef: "input:x",
  externalReferences: [],
  properties: [],
  dependsOn: [],
};
const pkg = (licenses: LicenseView[]): ComponentView => ({
  ...base,
  package: { licenses, refs: [], ancestors: [], patches: [] },
});

describe("chooseLicence: the declared licence SPDX gets, never an invented id", () => {
  it.each([
    ["one SPDX id from meta", pkg([{ id: "MIT" }]), { declared: "MIT" }],
    ["meta's list as one AND expression", pkg([{ expression: "MIT AND Zlib" }]), { declared: "MIT AND Zlib" }],
    [
      "a licence without an SPDX id makes the whole choice NOASSERTION, named in the note",
      pkg([{ name: "Unfree" }, { id: "MIT" }]),
      { note: "nixpkgs meta declares licences without an SPDX id: Unfree; MIT" },
    ],
    [
      "GitHub's SPDX id for a lock input (--resolve)",
      { ...base, licenses: ["Apache-2.0"] },
      { declared: "Apache-2.0" },
    ],
    [
      "GitHub's answer that is no SPDX id",
      { ...base, licenses: ["NOASSERTION"] },
      { note: "the source's licence is named 'NOASSERTION', not an SPDX id" },
    ],
    ["nothing known", base, {}],
  ])("%s", (_what, view, expected) => {
    expect(chooseLicence(view)).toEqual(expected);
  });
});
