import * as CDX from "@cyclonedx/cyclonedx-library";
import { existsSync, readFileSync } from "node:fs";
import { buildSbom } from "../../src/app/sbom.js";
import type { Files } from "../../src/app/ports.js";
import type { SbomModel } from "../../src/domain/sbom-model.js";
import type { SpecVersion } from "../../src/render/sbom/serialize.js";
import { createHash } from "node:crypto";
import { getOrInsert } from "../../src/domain/map-utils.js";

export const TEST_TOOL = { name: "flake-audit", version: "0.0.0-test" };

/** Files over the real file system, without the CLI. */
export const testFiles: Files = {
  async readGitFile() {
    throw new Error("not in these tests");
  },
  async exists(p) {
    return existsSync(p);
  },
  async readText(p) {
    const text = readFileSync(p, "utf8");
    return {
      displayPath: p.split("/").pop()!,
      text,
      sha256: createHash("sha256").update(text).digest("hex"),
      directoryName: "fixture",
    };
  },
};

export async function modelOf(lockPath: string): Promise<SbomModel> {
  const r = await buildSbom({ lockPath, name: "fixture-flake", tool: TEST_TOOL, reproducible: true }, testFiles);
  return r.model;
}

const VERSION: Record<SpecVersion, CDX.Spec.Version> = {
  "1.4": CDX.Spec.Version.v1dot4,
  "1.5": CDX.Spec.Version.v1dot5,
  "1.6": CDX.Spec.Version.v1dot6,
  "1.7": CDX.Spec.Version.v1dot7,
};
const jsonValidators = new Map<SpecVersion, CDX.Validation.JsonStrictValidator>();
const xmlValidators = new Map<SpecVersion, CDX.Validation.XmlValidator>();

/** Null when the BOM passes the CycloneDX library's schema validator, else its errors. */
export async function validateBom(text: string, spec: SpecVersion, format: "json" | "xml"): Promise<unknown> {
  if (format === "json") {
    const v = getOrInsert(jsonValidators, spec, () => new CDX.Validation.JsonStrictValidator(VERSION[spec]));
    return v.validate(text);
  }
  const v = getOrInsert(xmlValidators, spec, () => new CDX.Validation.XmlValidator(VERSION[spec]));
  return v.validate(text);
}
