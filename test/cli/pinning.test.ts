import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

// A git input with a narHash and no rev (a dirty work tree locked with --allow-dirty-locks): Nix 2.8
// counts it as locked, Nix ≥ 2.26 reads it with a warning that it is checked by NAR hash only. Its
// content is pinned; what it lacks is the commit. Reports say that, not "no rev or narHash".
const dir = mkdtempSync(path.join(tmpdir(), "fa-pinning-"));
writeFileSync(
  path.join(dir, "flake.lock"),
  JSON.stringify({
    nodes: {
      dirty: {
        flake: false,
        locked: {
          lastModified: 1700000000,
          narHash: "sha256-ltGlDPfwicH/u4orj1n4JXgRsA+jvKQsGnekObi0TV4=",
          type: "git",
          url: "file:///src/work",
        },
        original: { type: "git", url: "file:///src/work" },
      },
      root: { inputs: { dirty: "dirty" } },
    },
    root: "root",
    version: 7,
  }),
);

describe("a git input locked by its narHash alone", () => {
  it("check: an unlocked finding worded from what the lock has", async () => {
    const r = await runCli(["check", "--lock-only", "--format", "json", "--now", "2023-11-20", "--fail-on", "none"], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: Array<{ rule: string; message: string; details: unknown }> };
    const unlocked = report.findings.filter((f) => f.rule === "unlocked");
    expect(unlocked.map((f) => f.details)).toEqual([{ why: "narhash-without-rev" }]);
    expect(unlocked[0]?.message).toMatch(/^locked by its narHash alone, without a rev/);
    expect(r.stdout).not.toContain("no rev or narHash");
  });

  it("sbom: pinning content, and a warning that names the missing commit", async () => {
    const r = await runCli(["sbom", "--reproducible"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const bom = JSON.parse(r.stdout) as { components: Array<{ properties: Array<{ name: string; value: string }> }> };
    const pinning = bom.components.flatMap((c) => c.properties.filter((p) => p.name === "flake-audit:pinning"));
    expect(pinning.map((p) => p.value)).toEqual(["content"]);
    expect(r.stderr).toContain("input 'dirty' is locked by its narHash alone, without a rev");
    expect(r.stderr).not.toContain("no rev or narHash");
  });
});
