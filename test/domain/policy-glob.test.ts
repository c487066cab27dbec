import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileGlob } from "../../src/domain/policy/glob.js";
import { runCli } from "../support/cli.js";
import { gh, lockText } from "../support/diff-scenarios.js";

describe("policy globs", () => {
  it.each([
    ["nixpkgs", "nixpkgs", true],
    ["nixpkgs", "nixpkgs2", false],
    ["nixpkgs", "home-manager/nixpkgs", false],
    ["home-manager/*", "home-manager/nixpkgs", true],
    ["home-manager/*", "home-manager/a/b", false],
    ["home-manager/*", "home-manager/", true],
    ["*", "nixpkgs", true],
    ["*", "a/b", false],
    ["*", "", true],
    ["**", "a/b/c", true],
    ["**", "", true],
    ["**/nixpkgs", "nixpkgs", true],
    ["**/nixpkgs", "a/nixpkgs", true],
    ["**/nixpkgs", "a/b/nixpkgs", true],
    ["**/nixpkgs", "a/xnixpkgs", false],
    ["**/nixpkgs", "anixpkgs", false],
    ["a/**/b", "a/b", true],
    ["a/**/b", "a/x/y/b", true],
    ["a/**/b", "ab", false],
    ["a/**", "a/x/y", true],
    ["nix?kgs", "nixpkgs", true],
    ["nix?kgs", "nix/kgs", false],
    ["nix?kgs", "nixkgs", false],
    ["*-overlay", "rust-overlay", true],
    ["*-overlay", "fenix/rust-overlay", false],
    ["a.b", "axb", false],
    ["(x)+[y]", "(x)+[y]", true],
    ["*a*b", "xaxb", true],
    ["*a*b", "xaxbx", false],
  ])("%s against %s: %s", (glob, input, expected) => {
    expect(compileGlob(glob)(input)).toBe(expected);
  });

  it("Policy globs backtrack exponentially: a hostile glob against a long input name is linear", () => {
    const glob = `${"*a".repeat(18)}*b`;
    const match = compileGlob(glob);
    const started = performance.now();
    expect(match("a".repeat(32))).toBe(false);
    expect(match("a".repeat(5000))).toBe(false);
    expect(match(`${"a".repeat(5000)}b`)).toBe(true);
    expect(compileGlob(`${"**/a".repeat(50)}/b`)(`${"a/".repeat(2000)}c`)).toBe(false);
    // The backtracking RegExp took about a minute on the 32-character name alone.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("Policy globs backtrack exponentially: through check, end to end", () => {
  it("an override with the hostile glob against a 32-character input name answers at once", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-glob-"));
    const name = "a".repeat(32);
    writeFileSync(path.join(dir, "flake.lock"), lockText({ root: { inputs: { [name]: "x" } }, x: gh("acme", "x", 1) }));
    writeFileSync(path.join(dir, "policy.yaml"), `overrides:\n  - inputs: "${"*a".repeat(18)}*b"\n    maxAgeDays: 1\n`);
    const started = performance.now();
    const r = await runCli(
      ["check", "flake.lock", "--lock-only", "--policy", "policy.yaml", "--now", "2024-06-10", "--fail-on", "none"],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
