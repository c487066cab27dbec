import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { REPO } from "../support/paths.js";

describe("the project's own flake.lock", () => {
  it("passes `flake-audit check --lock-only` at the default gate (no high findings)", async () => {
    const r = await runCli(["check", "flake.lock", "--lock-only", "--format", "json"], { cwd: REPO });
    expect(r.code, r.stdout).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: Array<{ severity: string }> };
    expect(report.findings.filter((f) => f.severity === "high")).toEqual([]);
  });

  it("pins nixpkgs with the real locked node, content-pinned", async () => {
    const r = await runCli(["sbom", "flake.lock", "--reproducible"], { cwd: REPO });
    const bom = JSON.parse(r.stdout) as {
      components: Array<{ purl: string; properties: Array<{ name: string; value: string }> }>;
    };
    expect(bom.components[0]?.purl).toBe("pkg:github/nixos/nixpkgs@2c423e03bbafcff28bfadc6781a4a8257f205cb5");
    expect(bom.components[0]?.properties.find((p) => p.name === "flake-audit:pinning")?.value).toBe("content");
  });
});
