import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseHash, toNix32 } from "../../src/domain/nix/hash.js";
import type { CaMethod } from "../../src/domain/nix/content-address.js";
import { makeFixedOutputPath, outputPathName } from "../../src/domain/nix/fixed-output.js";
import { formatStorePath } from "../../src/domain/nix/store-path.js";

const hashOf = (text: string) => {
  const h = parseHash(text);
  if (!h.ok) throw new Error(h.error);
  return h.value;
};
const pathOf = (name: string, method: CaMethod, hash: string, storeDir?: string): string => {
  const r = makeFixedOutputPath(name, { method, hash: hashOf(hash) }, storeDir);
  if (!r.ok) throw new Error(r.error);
  return formatStorePath(r.value);
};

// Nix's own expectations. The 2.31.0 tag's src/libstore-tests/data/derivation/output-caFixed{Flat,NAR,Text}.json
// print the path Nix computed for derivation "drv-name", output "output-name" and the hash
// sha256-iUUXyRY8iW7DGirb0zwGgf1fRbLA7wimTJKgP7l/OQ8= (hex 894517c9…390f); HEAD's
// data/derivation/hash-modulo/source-first.json states the same NAR hash's path under the name "source"
// (its env.out, the derivation has no output path of its own: version 4).
const NIX_HASH = "sha256:894517c9163c896ec31a2adbd33c0681fd5f45b2c0ef08a64c92a03fb97f390f";
describe("fixed-output paths equal Nix's test data", () => {
  it.each([
    ["flat", "drv-name-output-name", "/nix/store/rhcg9h16sqvlbpsa6dqm57sbr2al6nzg-drv-name-output-name"],
    ["nar", "drv-name-output-name", "/nix/store/c015dhfh5l0lp6wxyvdn7bmwhbbr6hr9-drv-name-output-name"],
    ["text", "drv-name-output-name", "/nix/store/6s1zwabh956jvhv4w9xcdb5jiyanyxg1-drv-name-output-name"],
    ["nar", "source", "/nix/store/i00sflxqsj37lfmf95m8mn0grv615hpj-source"],
  ] as const)("%s %s", (method, name, expected) => {
    expect(pathOf(name, method, NIX_HASH)).toBe(expected);
  });

  it("names an output's path as Nix's outputPathName", () => {
    expect(outputPathName("drv-name", "output-name")).toBe("drv-name-output-name");
    expect(outputPathName("hello-2.12", "out")).toBe("hello-2.12");
  });
});

// Git hashing has no path in Nix's test data and Nix 2.8 predates it: held to the manual's grammar
// (doc/manual/source/protocols/store-path.md), computed here with node:crypto, independently of the domain's sha256.
describe("git content addresses follow the manual's grammar", () => {
  const manual = (name: string, algo: string, hex: string): string => {
    const inner = createHash("sha256").update(`fixed:out:git:${algo}:${hex}:`).digest("hex");
    const digest = createHash("sha256").update(`output:out:sha256:${inner}:/nix/store:${name}`).digest();
    const folded = new Uint8Array(20);
    digest.forEach((b, i) => {
      folded[i % 20]! ^= b;
    });
    return `/nix/store/${toNix32(folded)}-${name}`;
  };
  it.each([
    ["sha1", "cd44baf36915d5dec8374232ea7e2057f3b4494e"],
    ["sha256", "894517c9163c896ec31a2adbd33c0681fd5f45b2c0ef08a64c92a03fb97f390f"],
  ])("%s", (algo, hex) => {
    expect(pathOf("foo", "git", `${algo}:${hex}`)).toBe(manual("foo", algo, hex));
  });

  it("refuses what Nix refuses", () => {
    const md5 = hashOf("md5:0123456789abcdef0123456789abcdef");
    const r = makeFixedOutputPath("x", { method: "git", hash: md5 });
    expect(!r.ok && r.error).toMatch(/sha1 or sha256/);
    const t = makeFixedOutputPath("x", { method: "text", hash: hashOf(`sha1:${"0".repeat(40)}`) });
    expect(!t.ok && t.error).toMatch(/sha256/);
  });
});

it("puts the store directory into the path", () => {
  expect(pathOf("source", "nar", NIX_HASH, "/gnu/store")).toMatch(/^\/gnu\/store\//);
  expect(pathOf("source", "nar", NIX_HASH, "/gnu/store").slice(11)).not.toBe(
    pathOf("source", "nar", NIX_HASH).slice(11),
  );
});
