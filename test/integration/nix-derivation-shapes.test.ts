import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DerivationSet } from "../../src/domain/nix/derivation.js";
import { parseDerivations } from "../../src/ingest/closure/derivation.js";
import { renderIssues } from "../../src/render/issue-text.js";
import { type Drv28, SHAPES } from "../support/derivation-shapes.js";
import { hasNix, nix, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("derivation shapes integration");

// Fixed-output derivations in the ways nixpkgs' fetchers write them: flat and recursive, SRI,
// nix32 and hex hashes, sha1/sha256/sha512, outputHashAlgo given or implied by an SRI hash.
const FODS = `
let
  fod = name: attrs: derivation ({ inherit name; system = "x86_64-linux"; builder = "/bin/sh"; args = [ "-c" "echo > $out" ]; } // attrs);
in rec {
  flat = fod "flat-src.tar.gz" { outputHashMode = "flat"; outputHashAlgo = "sha256"; outputHash = "sha256-mOpuTyFvL7S2n/+bOkSELDhobKaF8/VdxIxdP7EQe+Q="; };
  nix32 = fod "source" { outputHashMode = "recursive"; outputHashAlgo = "sha256"; outputHash = "0zry3bax9v4b4hijmyq7j1m7j9rlm0rj7g9l2kpz7i189cp7savh"; };
  sha1 = fod "old.tar.gz" { outputHashAlgo = "sha1"; outputHash = "cd44baf36915d5dec8374232ea7e2057f3b4494e"; };
  sha512 = fod "big.tar.xz" { outputHashMode = "recursive"; outputHash = "sha512-IEqPxt2oLwoM7XvrjgikFlfBbvRosiioJ5vjMacDwzWW/RXBOxsH+aodO+pXeJygMa2Fx6cd1wNU7GMSOMo0RQ=="; };
  top = derivation { name = "top-1.0"; system = "x86_64-linux"; builder = "/bin/sh"; outputs = [ "out" "dev" ];
    args = [ "-c" "echo \${flat} \${nix32} \${sha1} \${sha512} > $out; echo > $dev" ]; };
}`;

const outputsOf = (s: DerivationSet) =>
  [...s.byPath.values()]
    .map((d) => [d.path, [...d.outputs], [...d.fixed].map(([o, ca]) => [o, ca.method, ca.hash.algo])])
    .sort();

describe.runIf(hasNix)(`derivation JSON of every version, from the real nix (${nixVersion ?? "absent"})`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "fa-drv-"));
  writeFileSync(path.join(dir, "fods.nix"), FODS);
  const recorded = JSON.parse(nix("nix", ["show-derivation", "-r", "-f", path.join(dir, "fods.nix"), "top"])) as Record<
    string,
    Drv28
  >;
  const parse = (doc: unknown): DerivationSet => {
    const r = parseDerivations(JSON.stringify(doc), "drv.json");
    if (!r.ok) throw new Error(renderIssues(r.error));
    return r.value;
  };
  const reference = parse(recorded);

  it("the recording has the four fixed outputs", () => {
    expect([...reference.byPath.values()].filter((d) => d.fixed.size > 0).length).toBe(4);
  });

  it.each(SHAPES)("%s: the same outputs, paths computed where Nix prints none", (_name, convert) => {
    expect(outputsOf(parse(convert(recorded)))).toEqual(outputsOf(reference));
  });
});
