import { describe, expect, it } from "vitest";
import type { SbomModel } from "../../src/domain/sbom-model.js";
import type { SbomMetadata } from "../../src/domain/sbom-metadata.js";
import { renderSpdxJson } from "../../src/render/sbom/spdx/render.js";
import { lockFixture } from "../support/paths.js";
import { modelOf } from "../support/sbom.js";
import { checkDocument } from "../support/spdx-check.js";
import type { Element3 } from "../support/spdx.js";

/**
 * Issue 20's minimum elements in SPDX, from the same model as CycloneDX's metadata: the supplier and
 * manufacturer of the flake's package, where to report a vulnerability, who wrote the SBOM.
 */
const METADATA: SbomMetadata = {
  manufacturer: { name: "ACME Corp", urls: ["https://acme.example"] },
  supplier: { name: "NixOS", urls: [] },
  vulnerabilityContact: { kind: "email", email: "security@acme.example" },
  authors: [{ name: "Jane Doe", email: "jane@acme.example" }, { name: "Max Mustermann" }],
  lifecycle: "pre-build",
  flakeVersion: { version: "1.2.3", source: "option" },
};

async function model(metadata: SbomMetadata = METADATA): Promise<SbomModel> {
  // A lock with a github input owned by NixOS: the flake's supplier and a forge owner share one Organization.
  return { ...(await modelOf(lockFixture("valid", "follows-chain.lock"))), metadata };
}

interface Doc23 {
  creationInfo: { creators: string[] };
  packages: Array<{
    SPDXID: string;
    supplier: string;
    originator?: string;
    versionInfo?: string;
    externalRefs?: Array<{ referenceCategory: string; referenceType: string; referenceLocator: string }>;
  }>;
}

describe("SPDX carries the minimum elements", () => {
  it("2.3: supplier and originator of the flake with the contact's e-mail, a SECURITY url to report to, authors as creators (schema-valid)", async () => {
    const doc: Doc23 = JSON.parse(checkDocument(await model(), "2.3"));
    expect(doc.creationInfo.creators).toEqual([
      "Tool: flake-audit-0.0.0-test",
      "Person: Jane Doe (jane@acme.example)",
      "Person: Max Mustermann",
    ]);
    const flake = doc.packages.find((p) => p.SPDXID === "SPDXRef-Flake");
    expect(flake).toMatchObject({
      versionInfo: "1.2.3",
      supplier: "Organization: NixOS (security@acme.example)",
      originator: "Organization: ACME Corp (security@acme.example)",
      externalRefs: [
        { referenceCategory: "SECURITY", referenceType: "url", referenceLocator: "mailto:security@acme.example" },
      ],
    });
    // The inputs keep their forge owner, without the flake's contact.
    expect(doc.packages.filter((p) => p.SPDXID !== "SPDXRef-Flake").map((p) => p.supplier)).not.toContain(
      "Organization: NixOS (security@acme.example)",
    );
  });

  it("3.0.1: suppliedBy/originatedBy Organizations with an email identifier, a securityPolicy reference, authors as Persons in createdBy (schema-valid)", async () => {
    const graph: Element3[] = JSON.parse(checkDocument(await model(), "3.0"))["@graph"];
    const byId = new Map(graph.map((e) => [e.spdxId, e]));
    const flake = graph.find((e) => String(e.spdxId).endsWith("#SPDXRef-Flake"))!;
    const org = (ref: unknown) => byId.get(String(ref));
    expect(org(flake["suppliedBy"])).toMatchObject({
      type: "Organization",
      name: "NixOS",
      externalIdentifier: [
        { type: "ExternalIdentifier", externalIdentifierType: "email", identifier: "security@acme.example" },
      ],
    });
    expect((flake["originatedBy"] as string[]).map((r) => org(r)?.["name"])).toEqual(["ACME Corp"]);
    expect(flake["externalRef"]).toEqual([
      { type: "ExternalRef", externalRefType: "securityPolicy", locator: ["mailto:security@acme.example"] },
    ]);
    // One Organization per name: the flake's supplier is the forge owner its inputs name.
    expect(graph.filter((e) => e.type === "Organization" && e["name"] === "NixOS")).toHaveLength(1);
    const info = graph.find((e) => e.type === "CreationInfo")!;
    const people = (info["createdBy"] as string[]).map((r) => byId.get(r));
    expect(people.map((p) => [p?.type, p?.["name"]])).toEqual([
      ["SoftwareAgent", "flake-audit"],
      ["Person", "Jane Doe"],
      ["Person", "Max Mustermann"],
    ]);
  });

  it("a URL contact is the reference as it is, and no e-mail is put on the supplier", async () => {
    const m: SbomMetadata = {
      ...METADATA,
      vulnerabilityContact: { kind: "url", url: "https://acme.example/security" },
    };
    const doc: Doc23 = JSON.parse(checkDocument(await model(m), "2.3"));
    const flake = doc.packages.find((p) => p.SPDXID === "SPDXRef-Flake");
    expect(flake?.supplier).toBe("Organization: NixOS");
    expect(flake?.externalRefs?.[0]?.referenceLocator).toBe("https://acme.example/security");
    checkDocument(await model(m), "3.0");
  });

  it.each(["2.3", "3.0"] as const)("golden, SPDX %s", async (spec) => {
    await expect(renderSpdxJson(await model(), spec)).toMatchFileSnapshot(
      `../golden/sbom/minimum-elements.spdx-${spec}.json`,
    );
  });
});
