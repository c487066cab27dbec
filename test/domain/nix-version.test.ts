import { describe, expect, it } from "vitest";
import { compareNixVersions, versionComponents } from "../../src/domain/impact/nix-version.js";

// The examples of the Nix manual (nix-env, "Versions") and of Nix's own tests (names.cc).
describe("compareNixVersions (Nix's compareVersions)", () => {
  it.each([
    ["1.0", "2.3", -1],
    ["2.1", "2.3", -1],
    ["2.3", "2.3", 0],
    ["2.5", "2.3", 1],
    ["3.1", "2.3", 1],
    ["2.3.1", "2.3", 1],
    ["2.3.1", "2.3a", 1],
    ["2.3pre1", "2.3", -1],
    ["2.3pre3", "2.3pre12", -1],
    ["2.3a", "2.3c", -1],
    ["2.3pre1", "2.3c", -1],
    ["2.3pre1", "2.3q", -1],
    ["1.7.1", "1.6", 1],
    ["3.0.14", "3.0.15", -1],
    ["1.0", "1-0", 0],
    ["99999999999", "1", -1], // past an int, a run of digits is not a number to Nix
  ] as const)("%s vs %s is %d", (a, b, want) => {
    expect(compareNixVersions(a, b)).toBe(want);
    expect(compareNixVersions(b, a)).toBe(-want || 0);
  });

  it("splits at dots and dashes into runs of digits and of other characters", () => {
    expect(versionComponents("2.3pre1-rc..x")).toEqual(["2", "3", "pre", "1", "rc", "x"]);
  });
});
