import { describe, expect, it } from "vitest";
import { buildSbom } from "../../src/app/sbom.js";
import { nativeSha256 } from "../../src/adapters/native-sha256.js";
import { lockFixture } from "../support/paths.js";
import { TEST_TOOL, testFiles } from "../support/sbom.js";

describe("the SBOM's store paths with the CLI's SHA-256 (request.digest)", () => {
  const lockPath = lockFixture("valid", "github-inputs.lock");
  it("hashes every input's store path with the given SHA-256, and describes the same paths", async () => {
    let calls = 0;
    const counting = (data: Uint8Array): Uint8Array => {
      calls++;
      return nativeSha256(data);
    };
    const base = { tool: TEST_TOOL, reproducible: true, lockPath };
    const given = await buildSbom({ ...base, digest: counting }, testFiles);
    const own = await buildSbom(base, testFiles);
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBe(own.model.inventory?.inputs.filter((i) => i.storePath !== undefined).length);
    expect(given.model).toEqual(own.model);
  });
});
