import { describe, expect, it } from "vitest";
import { hostSystemProblem, quoteAnswer } from "../../src/domain/fleet/host-paths.js";
import { parseStorePath } from "../../src/domain/nix/store-path.js";

const SYS = `/nix/store/${"a".repeat(32)}-nixos-system`;

describe("what a host names is a store path of its store, or that host's gap", () => {
  it.each([
    ["path:/home/auditor/dir#x"],
    ["--version"],
    [`/nix/store/../../tmp/${"a".repeat(32)}-evil`],
    [`/nix/store/./${"a".repeat(32)}-x`],
    [`//nix/store/${"a".repeat(32)}-x`],
    [`/other/store/${"a".repeat(32)}-x`],
    ["github:evil/flake#x"],
    [`${SYS}/bin/sh`],
    [`/nix/store/${"a".repeat(32)}-x\u001b]0;owned\u0007`],
  ])("refuses %j", (answer) => {
    const bad = hostSystemProblem({ system: answer, generations: [] }, "/nix/store");
    expect(bad).toMatch(/which is not a store path in \/nix\/store; nothing was asked of nix$/);
    expect([...(bad ?? "")].every((c) => c >= " " && c <= "~" && c !== "\u007f")).toBe(true);
  });

  it("checks every generation's target too, and accepts a store path of the store's own directory", () => {
    const gens = [
      { number: 2, path: SYS },
      { number: 1, path: "path:/x#y" },
    ];
    expect(hostSystemProblem({ system: SYS, generations: gens }, "/nix/store")).toContain("generation 1");
    expect(hostSystemProblem({ system: SYS, generations: gens.slice(0, 1) }, "/nix/store")).toBeUndefined();
    expect(hostSystemProblem({ system: SYS, generations: [] }, "/gnu/store")).toContain("/gnu/store");
  });

  it("quotes a long or hostile answer clipped and escaped", () => {
    expect(quoteAnswer("a\nb\u202ec")).toBe('"a\\u000ab\\u202ec"');
    expect(quoteAnswer("x".repeat(1000))).toMatch(/…" \(1000 characters\)$/);
  });

  it("the store-path parser refuses '.', '..' and empty segments in the store directory", () => {
    for (const dir of ["/nix/store/..", "/nix/../store", "/nix//store", "/nix/./store"])
      expect(parseStorePath(`${dir}/${"a".repeat(32)}-x`).ok, dir).toBe(false);
    expect(parseStorePath(`/nix/.store/${"a".repeat(32)}-x`).ok).toBe(true);
  });
});
