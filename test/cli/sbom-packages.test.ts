import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { FIXTURES } from "../support/paths.js";

// The recorded package world (fixtures/packages): no nix needed.
const file = (name: string): string => path.join(FIXTURES, "packages", name);
const closure = file("world.closure.json");
const derivations = file("world.derivations.json");
const meta = file("world.meta.json");
const dir = mkdtempSync(path.join(tmpdir(), "fa-sbompkg-cli-"));

describe("sbom package options", () => {
  it("--meta without derivations, and --derivations without a closure, are usage errors (exit 2)", async () => {
    const a = await runCli(["sbom", "--closure", closure, "--meta", meta], { cwd: dir });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("--meta is joined to packages, which need derivations");
    const b = await runCli(["sbom", "--derivations", derivations], { cwd: dir });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("give --closure or --closure-of too");
  });

  it("derivations of another store are a warning with counts, and no package is made up", async () => {
    const other = path.join(dir, "other-store.derivations.json");
    writeFileSync(other, readFileSync(derivations, "utf8").replaceAll("/nix/store/", "/other/store/"));
    const r = await runCli(["sbom", "--closure", closure, "--derivations", other, "--reproducible"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\d+ derivations are in \/other\/store, not the closure's store/);
    const bom = JSON.parse(r.stdout) as { components: Array<{ pedigree?: unknown }> };
    expect(bom.components.some((c) => c.pedigree !== undefined)).toBe(false);
  });

  it("malformed derivations exit 3 with the file and position", async () => {
    const bad = path.join(dir, "bad.derivations.json");
    writeFileSync(bad, '{\n  "/nix/store/00000000000000000000000000000000-x.drv": {\n    "outputs": 7\n  }\n}\n');
    const r = await runCli(["sbom", "--closure", closure, "--derivations", bad], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/bad\.derivations\.json.*\d+:\d+|bad\.derivations\.json/);
  });
});
