import path from "node:path";
import { describe, expect, it } from "vitest";
import { nativeSha256 } from "../../src/adapters/native-sha256.js";
import type { NixStore } from "../../src/app/ports.js";
import { traceUseCase } from "../../src/app/trace.js";
import { FIXTURES } from "../support/paths.js";
import { TEST_TOOL, testFiles } from "../support/sbom.js";

const noNix = (): NixStore => {
  throw new Error("no nix in this test");
};

describe("trace's store paths with the CLI's SHA-256 (request.digest)", () => {
  const dir = path.join(FIXTURES, "closure");
  const req = {
    // the source of the lock's `data` input, matched by the store path the lock's narHash makes
    path: "/nix/store/10q2fdsdvdsr8nzvqs7vv5mjvf432hdg-source",
    lockPath: path.join(dir, "app.flake.lock"),
    lockExplicit: true,
    closure: { file: path.join(dir, "list-2.8", "app-closure.json") },
    tool: TEST_TOOL,
  };
  it("hashes the inputs' store paths with the given SHA-256, and traces the path to the same inputs", async () => {
    let calls = 0;
    const counting = (data: Uint8Array): Uint8Array => {
      calls++;
      return nativeSha256(data);
    };
    const given = await traceUseCase({ ...req, digest: counting }, testFiles, noNix);
    const own = await traceUseCase(req, testFiles, noNix);
    expect(calls).toBeGreaterThan(0);
    expect(own.attribution).toBe("source");
    expect(own.inputs.length).toBeGreaterThan(0);
    expect(given).toEqual(own);
  });
});
