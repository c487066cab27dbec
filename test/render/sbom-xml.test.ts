import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSbom } from "../../src/app/sbom.js";
import type { NixStore } from "../../src/app/ports.js";
import { renderCycloneDx, SPEC_VERSIONS } from "../../src/render/sbom/serialize.js";
import { FIXTURES, lockFixture, lockFixtures } from "../support/paths.js";
import { modelOf, TEST_TOOL, testFiles, validateBom } from "../support/sbom.js";
import { hasXmllint, reportXmllintSkip, xmllintErrors } from "../support/xmllint.js";

reportXmllintSkip("CycloneDX XML well-formedness");
const lint = describe.skipIf(!hasXmllint);

/** What XML 1.0 forbids, as a lock name or a store signature can carry it: ESC, BEL, NUL, U+FFFE/U+FFFF, lone surrogates. */
const BAD = "\u001b[31m\u0007\u0000\u000b\ufffe\uffff\udc00\ud800x";
const SHOWN = "‹U+001B›[31m‹U+0007›‹U+0000›‹U+000B›‹U+FFFE›‹U+FFFF›‹U+DC00›‹U+D800›x";
const NAR = "sha256-FHbp1aFa0rVZupl2xvW0Aacim14444Vl9Qhdui2bBmM=";
const REV = "0123456789abcdef0123456789abcdef01234567";
const noNix = (): NixStore => {
  throw new Error("not used");
};

function hostileFiles(): { lock: string; closure: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-xml-"));
  const name = `evil${BAD}`;
  const github = { owner: `o${BAD}`, repo: `r${BAD}`, type: "github" };
  const lock = {
    nodes: {
      [name]: {
        locked: { ...github, lastModified: 1700000000, narHash: NAR, rev: REV },
        original: { ...github, ref: `main${BAD}` },
      },
      root: { inputs: { [name]: name } },
    },
    root: "root",
    version: 7,
  };
  const closure = [
    {
      path: "/nix/store/10q2fdsdvdsr8nzvqs7vv5mjvf432hdg-source",
      narHash: NAR,
      narSize: 296,
      references: [],
      signatures: [`key${BAD}:c2ln${BAD}`],
    },
  ];
  writeFileSync(path.join(dir, "flake.lock"), JSON.stringify(lock));
  writeFileSync(path.join(dir, "closure.json"), JSON.stringify(closure));
  return { lock: path.join(dir, "flake.lock"), closure: path.join(dir, "closure.json") };
}

async function hostileModel() {
  const f = hostileFiles();
  const r = await buildSbom(
    { tool: TEST_TOOL, reproducible: true, name: "app", lockPath: f.lock, closure: { file: f.closure } },
    testFiles,
    noNix,
  );
  return r.model;
}

describe("characters XML 1.0 forbids, from a lock name or a store signature", () => {
  it.each(SPEC_VERSIONS)("are shown as ‹U+…› in the XML (spec %s), which stays well-formed and valid", async (spec) => {
    const xml = renderCycloneDx(await hostileModel(), spec, "xml");
    expect(xml).toContain(`evil${SHOWN}`);
    expect(xml).toContain(`key${SHOWN}:c2ln${SHOWN}`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for the forbidden characters is the point
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/);
    expect(await validateBom(xml, spec, "xml")).toBeNull();
    if (hasXmllint) expect(xmllintErrors(xml)).toBe("");
  });

  it("are kept exactly in the JSON, where serialisation escapes them", async () => {
    const json = renderCycloneDx(await hostileModel(), "1.6", "json");
    const bom = JSON.parse(json) as { components: Array<{ "bom-ref": string; properties?: Array<{ value: string }> }> };
    expect(bom.components.map((c) => c["bom-ref"])).toContain(`input:evil${BAD}`);
    expect(bom.components.flatMap((c) => c.properties ?? []).map((p) => p.value)).toContain(`key${BAD}:c2ln${BAD}`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});

lint("xmllint --noout passes on every XML the SBOM tests write", () => {
  it.each(readdirSync(path.join(import.meta.dirname, "../golden/sbom")).filter((f) => f.endsWith(".xml")))(
    "golden %s",
    (file) => {
      expect(xmllintErrors(readFileSync(path.join(import.meta.dirname, "../golden/sbom", file), "utf8"))).toBe("");
    },
  );

  const fixtures = lockFixtures("valid").map((f) => f.replace(/\.lock$/, ""));
  it.each(fixtures.flatMap((n) => SPEC_VERSIONS.map((s) => [n, s] as const)))("%s, spec %s", async (name, spec) => {
    expect(xmllintErrors(renderCycloneDx(await modelOf(lockFixture("valid", `${name}.lock`)), spec, "xml"))).toBe("");
  });

  it("a closure with every path-info format", async () => {
    const c = path.join(FIXTURES, "closure");
    for (const format of readdirSync(c).filter((d) => !d.includes("."))) {
      const r = await buildSbom(
        {
          tool: TEST_TOOL,
          reproducible: true,
          name: "app",
          lockPath: path.join(c, "app.flake.lock"),
          closure: { file: path.join(c, format, "app-closure.json") },
        },
        testFiles,
        noNix,
      );
      expect(xmllintErrors(renderCycloneDx(r.model, "1.6", "xml")), format).toBe("");
    }
  });

  it("the helper notices a document that is not well-formed", () => {
    expect(xmllintErrors("<a>\u001b</a>")).toMatch(/exit 1/);
  });
});
