import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePathInfo } from "../../src/ingest/closure/path-info.js";
import { CORPUS, hasCorpus } from "../support/paths.js";

const PATH = "/nix/store/n5wkd9frr45pa74if5gpz9j7mifg27fh-foo";
const NAR = "sha256-FePFYIlMuycIXPZbWi7LGEiMmZSX9FMbaQenWBzm1Sc=";

describe("signature strings are read as Nix keeps them: unvalidated", () => {
  it.skipIf(!hasCorpus)('Nix 2.19–2.32\'s golden path-info (signatures "asdf", "qwer") is read', () => {
    const file = path.join(CORPUS, "pathinfo", "NixOS__nix__51ca872c6016__path-info__json-1__impure.json");
    // The same entry as Nix's unit-test data of those versions wrote it: signatures without a ':'.
    const entry = { ...JSON.parse(readFileSync(file, "utf8")), signatures: ["asdf", "qwer"] };
    const r = parsePathInfo(JSON.stringify({ [PATH]: entry }), "golden.json");
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.value.infos.get(PATH)?.signatures).toEqual([
        { keyName: "", sig: "asdf" },
        { keyName: "", sig: "qwer" },
      ]);
  });

  it("':x' has no key name either, as Nix splits it", () => {
    const r = parsePathInfo(JSON.stringify([{ path: PATH, narHash: NAR, signatures: [":x", "k-1:y"] }]), "x.json");
    expect(r.ok && r.value.list[0]?.signatures).toEqual([
      { keyName: "", sig: ":x" },
      { keyName: "k-1", sig: "y" },
    ]);
  });

  it.each([
    [{ signatures: "asdf" }, "/0/signatures", /^signatures must be a list/],
    [{ signatures: ["ok:x", 7] }, "/0/signatures/1", /^a signature must be a string or an object/],
    [{ signatures: [{ keyName: "k" }] }, "/0/signatures/0", /^a signature object needs string keyName and sig/],
  ])("says what is wrong with %j, where", (extra, pointer, message) => {
    const r = parsePathInfo(JSON.stringify([{ path: PATH, narHash: NAR, ...extra }]), "x.json");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatchObject({ pointer, message: expect.stringMatching(message) });
  });
});
