import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildInventory } from "../../src/domain/lock/inventory.js";
import { toSri } from "../../src/domain/nix/hash.js";
import { formatStorePath } from "../../src/domain/nix/store-path.js";
import { fixtureGraph, parseOrThrow } from "../support/lock.js";
import { hasNix, nix, nixVersion, reportNixSkip } from "../support/nix.js";
import { CORPUS, REPO, hasCorpus, lockFixtures } from "../support/paths.js";

reportNixSkip("nix-lock integration");

describe.runIf(hasNix)(`with the real nix (${nixVersion ?? "absent"})`, () => {
  it("flake.nix parses", () => {
    expect(() => nix("nix-instantiate", ["--parse", path.join(REPO, "flake.nix")])).not.toThrow();
  });

  it("every computed input store path equals `nix-store --print-fixed-path --recursive`", () => {
    const graphs = lockFixtures("valid").map((f) => fixtureGraph(f.replace(/\.lock$/, "")));
    graphs.push(parseOrThrow(readFileSync(path.join(REPO, "flake.lock"), "utf8")));
    if (hasCorpus)
      graphs.push(
        parseOrThrow(readFileSync(path.join(CORPUS, "locks", "NixOS__nix__b42789f01382.flake.lock"), "utf8")),
      );
    const seen = new Set<string>();
    for (const g of graphs) {
      for (const input of buildInventory(g).inputs) {
        if (input.storePath === undefined || input.locked.narHash === undefined) continue;
        const key = `${toSri(input.locked.narHash)} ${input.storePath.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const fromNix = nix("nix-store", [
          "--print-fixed-path",
          "--recursive",
          "sha256",
          toSri(input.locked.narHash),
          input.storePath.name,
        ]).trim();
        expect(formatStorePath(input.storePath), key).toBe(fromNix);
      }
    }
    expect(seen.size).toBeGreaterThan(5);
  });
});
