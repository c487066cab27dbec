import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { lockFixture, REPO } from "../support/paths.js";
import { validateSpdx } from "../support/spdx.js";

const lock = lockFixture("valid", "github-inputs.lock");

describe("flake-audit sbom --format spdx-json", () => {
  it("writes SPDX 2.3 by default, valid against the official schema", async () => {
    const r = await runCli(["sbom", lock, "--format", "spdx-json", "--reproducible"]);
    expect(r.code).toBe(0);
    // The one warning: no licence is known (the sources are not in a store the tests read).
    expect(r.stderr).toMatch(/^warning: could not learn: the licence of 2 of 2 locked sources/);
    expect((JSON.parse(r.stdout) as { spdxVersion: string }).spdxVersion).toBe("SPDX-2.3");
    expect(validateSpdx(r.stdout, "2.3")).toBeNull();
  });

  it("writes SPDX 3.0.1 JSON-LD with --spec 3.0, and through the FLAKE_AUDIT_FORMAT/FLAKE_AUDIT_SPEC twins", async () => {
    const flag = await runCli(["sbom", lock, "--format", "spdx-json", "--spec", "3.0", "--reproducible"]);
    expect(flag.code).toBe(0);
    expect(validateSpdx(flag.stdout, "3.0")).toBeNull();
    expect(flag.stdout).toContain('"specVersion": "3.0.1"');
    const env = await runCli(["sbom", lock], {
      env: { FLAKE_AUDIT_FORMAT: "spdx-json", FLAKE_AUDIT_SPEC: "3.0", FLAKE_AUDIT_REPRODUCIBLE: "1" },
    });
    expect(env.stdout).toBe(flag.stdout);
  });

  it("is byte-for-byte reproducible, and names a random namespace otherwise", async () => {
    const args = ["sbom", lock, "--format", "spdx-json", "--reproducible"];
    expect((await runCli(args)).stdout).toBe((await runCli(args)).stdout);
    const ns = async () =>
      (JSON.parse((await runCli(["sbom", lock, "--format", "spdx-json"])).stdout) as { documentNamespace: string })
        .documentNamespace;
    expect(await ns()).not.toBe(await ns());
  });

  it.each([
    [["--format", "spdx-json", "--spec", "1.6"], "--spec 1.6 is not a version of SPDX"],
    [["--spec", "2.3"], "--spec 2.3 is not a version of CycloneDX"],
    [["--format", "xml", "--spec", "3.0"], "--spec 3.0 is not a version of CycloneDX"],
  ])("%j is a usage error (exit 2)", async (extra, message) => {
    const r = await runCli(["sbom", lock, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });

  it("a CycloneDX spec in FLAKE_AUDIT_SPEC with --format spdx-json is a usage error too", async () => {
    const r = await runCli(["sbom", lock, "--format", "spdx-json"], { env: { FLAKE_AUDIT_SPEC: "1.6" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("FLAKE_AUDIT_SPEC");
  });

  it("keeps CycloneDX 1.6 the default for json", async () => {
    const r = await runCli(["sbom", "--reproducible"], { cwd: REPO });
    expect((JSON.parse(r.stdout) as { specVersion: string }).specVersion).toBe("1.6");
  });
});
