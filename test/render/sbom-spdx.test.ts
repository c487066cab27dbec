import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Files } from "../../src/app/ports.js";
import { buildSbom } from "../../src/app/sbom.js";
import type { SbomModel } from "../../src/domain/sbom-model.js";
import { formatStorePath } from "../../src/domain/nix/store-path.js";
import { packageId, spdxIdFor } from "../../src/render/sbom/spdx/ids.js";
import { PLACEHOLDER_NAMESPACE } from "../../src/render/sbom/spdx/namespace.js";
import { renderSpdxJson } from "../../src/render/sbom/spdx/render.js";
import { FIXTURES, lockFixture, lockFixtures } from "../support/paths.js";
import { modelOf, TEST_TOOL, testFiles } from "../support/sbom.js";
import type { Doc23, Pkg23 } from "../support/spdx.js";
import { checkDocument, packagesOf, SPECS } from "../support/spdx-check.js";
import { contentProblems23, contentProblems3, validateSpdx, type Element3 } from "../support/spdx.js";

const packagesFile = (name: string): string => path.join(FIXTURES, "packages", name);
// As in the CycloneDX package goldens: the store is not read, so the golden file does not depend on the machine.
const noStore: Files = { ...testFiles, exists: async (p) => !p.startsWith("/nix/store/") && testFiles.exists(p) };

async function worldModel(): Promise<SbomModel> {
  const lock = path.join(FIXTURES, "closure", "app.flake.lock");
  const { model } = await buildSbom(
    {
      lockPath: lock,
      closure: { file: packagesFile("world.closure.json") },
      packages: {
        derivations: packagesFile("world.derivations.json"),
        meta: packagesFile("world.meta.json"),
        buildTime: true,
      },
      name: "package-world",
      tool: TEST_TOOL,
      reproducible: true,
    },
    noStore,
  );
  return { ...model, ...(model.closure ? { closure: { ...model.closure, origin: "closure.json" } } : {}) };
}

describe("SPDX documents of every valid lock fixture: official schema, content checks, same facts as CycloneDX", () => {
  it.each(lockFixtures("valid").flatMap((f) => SPECS.map((s) => [f, s] as const)))("%s, SPDX %s", async (f, spec) => {
    const model = await modelOf(lockFixture("valid", f));
    checkDocument(model, spec);
  });
});

describe("SPDX of a lock with a closure and its packages (the package world)", () => {
  it.each(SPECS)("SPDX %s: valid, one package per input and store path, package facts", async (spec) => {
    const model = await worldModel();
    const text = checkDocument(model, spec);
    // One package per store path of the closure (placeholders included), per input whose source is not
    // one of them (a source in the closure is one package, as in CycloneDX), per build-time source, and the flake.
    const closure = model.closure!.data;
    const inClosure = (p: string | undefined) => p !== undefined && closure.ids.get(p) !== undefined;
    const inputs = (model.inventory?.inputs ?? []).filter(
      (i) => !inClosure(i.storePath && formatStorePath(i.storePath)),
    );
    const buildTime = (model.packages?.buildTime ?? []).filter((o) => !inClosure(o.path));
    expect(buildTime.length).toBeGreaterThan(0);
    expect(packagesOf(text, spec)).toHaveLength(1 + closure.graph.paths.length + inputs.length + buildTime.length);
    // meta's licences become declared licences; a package's upstream source its sourceInfo.
    expect(text).toMatch(/"(licenseDeclared|simplelicensing_licenseExpression)": "(GPL-3.0-or-later|MIT)/);
    expect(text).toContain("built from: pkg:");
  });

  it.each(SPECS)("golden, SPDX %s", async (spec) => {
    await expect(renderSpdxJson(await worldModel(), spec)).toMatchFileSnapshot(
      `../golden/sbom/packages-world.spdx-${spec}.json`,
    );
  });
});

const CLOSURES = ["format-1", "format-2", "format-3", "list-2.3", "list-2.8", "list-lix", "map-2.19", "map-2.23"];

describe("SPDX of closures in every path-info shape (fixtures/closure), with and without the lock", () => {
  it.each(CLOSURES.flatMap((c) => SPECS.map((s) => [c, s] as const)))("%s, SPDX %s", async (dir, spec) => {
    const closure = { file: path.join(FIXTURES, "closure", dir, "app-closure.json") };
    const base = { tool: TEST_TOOL, reproducible: true, name: "app" } as const;
    for (const lockPath of [undefined, path.join(FIXTURES, "closure", "app.flake.lock")]) {
      const { model } = await buildSbom({ ...base, closure, ...(lockPath ? { lockPath } : {}) }, testFiles, () => {
        throw new Error("not used");
      });
      const text = checkDocument(model, spec);
      expect(packagesOf(text, spec).length).toBeGreaterThan(model.closure!.data.graph.described);
    }
  });
});

describe("SPDX golden files of locks", () => {
  it.each(["other-kinds", "follows-root", "github-inputs"].flatMap((n) => SPECS.map((s) => [n, s] as const)))(
    "%s, SPDX %s",
    async (name, spec) => {
      await expect(renderSpdxJson(await modelOf(lockFixture("valid", `${name}.lock`)), spec)).toMatchFileSnapshot(
        `../golden/sbom/${name}.spdx-${spec}.json`,
      );
    },
  );
});

describe("reproducible SPDX", () => {
  it.each(SPECS)("SPDX %s: the same input gives the same bytes, another input another namespace", async (spec) => {
    const a = renderSpdxJson(await modelOf(lockFixture("valid", "github-inputs.lock")), spec);
    expect(renderSpdxJson(await modelOf(lockFixture("valid", "github-inputs.lock")), spec)).toBe(a);
    const b = renderSpdxJson(await modelOf(lockFixture("valid", "follows-chain.lock")), spec);
    const ns = (t: string) => /urn:uuid:[0-9a-f-]{36}/.exec(t)?.[0];
    expect(ns(a)).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ns(b)).not.toBe(ns(a));
  });

  it("created is the newest lastModified of the inputs, or SOURCE_DATE_EPOCH when given", async () => {
    const model = await modelOf(lockFixture("valid", "github-inputs.lock"));
    const newest = Math.max(...(model.inventory?.inputs ?? []).map((i) => i.locked.lastModified ?? 0));
    const doc = JSON.parse(renderSpdxJson(model, "2.3")) as Doc23;
    expect(doc.creationInfo.created).toBe(`${new Date(newest * 1000).toISOString().slice(0, 19)}Z`);
    const dated = JSON.parse(renderSpdxJson({ ...model, timestamp: new Date(1704164645000) }, "2.3")) as Doc23;
    expect(dated.creationInfo.created).toBe("2024-01-02T03:04:05Z");
  });

  it("outside --reproducible, the namespace is the run's serial number", async () => {
    const model = await modelOf(lockFixture("valid", "github-inputs.lock"));
    const serial = "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79";
    const doc = JSON.parse(renderSpdxJson({ ...model, serialNumber: serial }, "2.3")) as Doc23;
    expect(doc.documentNamespace).toBe(serial);
  });
});

describe("the checks can fail", () => {
  it("the schemas and content checks reject broken documents", async () => {
    const model = await modelOf(lockFixture("valid", "github-inputs.lock"));
    const d23 = JSON.parse(renderSpdxJson(model, "2.3")) as Doc23;
    const p1: Partial<Pkg23> = d23.packages[1]!;
    delete p1.downloadLocation;
    expect(validateSpdx(JSON.stringify(d23), "2.3")).not.toBeNull();
    d23.packages[1]!.SPDXID = "SPDXRef-a b";
    d23.packages[2]!.licenseDeclared = "MIT AND Made-Up";
    expect(contentProblems23(d23)).toEqual(
      expect.arrayContaining(["bad SPDXID SPDXRef-a b", expect.stringMatching(/licenseDeclared 'MIT AND Made-Up'/)]),
    );
    const d3 = JSON.parse(renderSpdxJson(model, "3.0")) as { "@graph": Element3[] };
    const pkg = d3["@graph"].find((e) => e.type === "software_Package")!;
    pkg["software_packageVersionz"] = "1";
    expect(validateSpdx(JSON.stringify(d3), "3.0")).not.toBeNull();
    delete pkg["software_packageVersionz"];
    d3["@graph"] = d3["@graph"].filter((e) => e !== pkg);
    expect(validateSpdx(JSON.stringify(d3), "3.0")).toBeNull();
    expect(contentProblems3(d3).some((p) => p.includes(`refers to missing ${String(pkg.spdxId)}`))).toBe(true);
  });
});

describe("SPDX ids from hostile input paths", () => {
  it("are valid and never shared by two different bom-refs", () => {
    const refs = [
      "input:a.b",
      "input:a/b",
      "input:a-2Fb",
      "input:X-a",
      "input:a:b",
      "input:",
      "input:ä",
      "input:a\u001b",
    ];
    const ids = refs.map((r) => packageId(r, "flake"));
    for (const id of ids) expect(id).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
    expect(new Set(ids).size).toBe(refs.length);
    expect(spdxIdFor("Input", "a/b")).toBe("SPDXRef-InputX-a.2Fb");
    expect(packageId("/nix/store/0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a-hello-2.12", "flake")).toBe(
      "SPDXRef-Store-0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a-hello-2.12",
    );
  });

  it.each(SPECS)("a lock whose names carry JSON, control and bidi characters: SPDX %s stays valid", async (spec) => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-spdx-"));
    const lock = path.join(dir, "flake.lock");
    // …and the placeholder the reproducible namespace is computed with, as a line of its own.
    const evil = `x"y\\z\u001b[31m\u202e</script>:/ä\n  "documentNamespace": "${PLACEHOLDER_NAMESPACE}",`;
    const node = (owner: string) => ({
      locked: {
        type: "github",
        owner,
        repo: "r",
        rev: "0123456789abcdef0123456789abcdef01234567",
        narHash: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=",
        lastModified: 1700000000,
      },
      original: { type: "github", owner, repo: "r" },
    });
    writeFileSync(
      lock,
      JSON.stringify({
        version: 7,
        root: "root",
        nodes: {
          root: { inputs: { [evil]: evil, "a/b": "a/b", "a.b": "a.b" } },
          [evil]: node(evil),
          "a/b": node("o1"),
          "a.b": node("o2"),
        },
      }),
    );
    const model = await modelOf(lock);
    const text = checkDocument(model, spec);
    expect(text).not.toContain("\u001b");
    expect(text).toContain("\\u001b");
    const placeholderAsId = new RegExp(`"(documentNamespace|spdxId)": "${PLACEHOLDER_NAMESPACE}`);
    expect(text).not.toMatch(placeholderAsId);
    expect(text).toContain(`\\n  \\"documentNamespace\\": \\"${PLACEHOLDER_NAMESPACE}`); // the name itself, escaped
  });
});
