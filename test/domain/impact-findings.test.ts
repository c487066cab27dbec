import { describe, expect, it } from "vitest";
import { impactFindings } from "../../src/domain/impact/findings.js";
import type { ImpactSection, LicenceChange } from "../../src/domain/impact/model.js";

const section = (licences: LicenceChange[]): ImpactSection =>
  ({
    installables: [
      {
        installable: "web",
        status: "compared",
        versionChanges: [],
        added: [],
        removed: [],
        rebuilt: [],
        rebuildCount: 0,
        derivations: { old: 1, new: 1 },
        licences,
      },
    ],
  }) as unknown as ImpactSection;

describe("impactFindings: a licence that becomes not allowed", () => {
  it("names the output whose meta was read (a package without `out` is not said to have one)", () => {
    const change = (output: string): LicenceChange => ({
      name: "tool",
      version: "2.0",
      output,
      path: `/nix/store/${"a".repeat(32)}-tool-2.0${output === "out" ? "" : `-${output}`}`,
      from: ["MIT"],
      to: ["BUSL-1.1"],
      unfree: ["BUSL-1.1"],
    });
    for (const output of ["out", "bin"]) {
      const [f] = impactFindings(section([change(output)]));
      expect(f?.rule).toBe("license-not-allowed");
      expect(f?.details).toMatchObject({ package: { name: "tool", output, storePath: change(output).path } });
    }
  });
});
