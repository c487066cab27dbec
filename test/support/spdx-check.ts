import { expect } from "vitest";
import type { SbomModel } from "../../src/domain/sbom-model.js";
import { renderCycloneDxJson } from "../../src/render/sbom/render-json.js";
import { packageId } from "../../src/render/sbom/spdx/ids.js";
import { renderSpdxJson } from "../../src/render/sbom/spdx/render.js";
import { contentProblems23, contentProblems3, validateSpdx, type Doc23, type Element3 } from "./spdx.js";

export const SPECS = ["2.3", "3.0"] as const;
type Cdx = {
  components: Array<{
    "bom-ref": string;
    name: string;
    version?: string;
    purl?: string;
    hashes?: Array<{ alg: string; content: string }>;
  }>;
};

/** The SPDX packages as comparable facts, whichever the version. */
export function packagesOf(text: string, spec: (typeof SPECS)[number]) {
  if (spec === "2.3")
    return (JSON.parse(text) as Doc23).packages.map((p) => ({
      id: p.SPDXID,
      name: p.name,
      version: p.versionInfo,
      purl: p.externalRefs?.find((r) => r.referenceType === "purl")?.referenceLocator,
      sha256: p.checksums?.find((c) => c.algorithm === "SHA256")?.checksumValue,
    }));
  return (JSON.parse(text) as { "@graph": Element3[] })["@graph"]
    .filter((e) => e.type === "software_Package")
    .map((e) => ({
      id: String(e.spdxId).slice(String(e.spdxId).indexOf("#") + 1),
      name: e["name"] as string,
      version: e["software_packageVersion"] as string | undefined,
      purl: (
        e["externalIdentifier"] as Array<{ externalIdentifierType: string; identifier: string }> | undefined
      )?.find((i) => i.externalIdentifierType === "packageUrl")?.identifier,
      sha256: (e["verifiedUsing"] as Array<{ algorithm: string; hashValue: string }> | undefined)?.find(
        (h) => h.algorithm === "sha256",
      )?.hashValue,
    }));
}

/** Schema, content checks, and every CycloneDX component of the same model as one SPDX package with its facts. */
export function checkDocument(model: SbomModel, spec: (typeof SPECS)[number]): string {
  const text = renderSpdxJson(model, spec);
  expect(validateSpdx(text, spec)).toBeNull();
  const doc: unknown = JSON.parse(text);
  expect(spec === "2.3" ? contentProblems23(doc as Doc23) : contentProblems3(doc as { "@graph": Element3[] })).toEqual(
    [],
  );
  const cdx = JSON.parse(renderCycloneDxJson(model, "1.6")) as Cdx;
  const spdx = packagesOf(text, spec);
  expect(spdx).toHaveLength(cdx.components.length + 1);
  const byId = new Map(spdx.map((p) => [p.id, p]));
  for (const c of cdx.components)
    expect(byId.get(packageId(c["bom-ref"], "flake")), c["bom-ref"]).toEqual({
      id: packageId(c["bom-ref"], "flake"),
      name: c.name,
      version: c.version,
      purl: c.purl,
      sha256: c.hashes?.find((h) => h.alg === "SHA-256")?.content,
    });
  return text;
}
