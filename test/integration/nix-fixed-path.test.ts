import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseHash, toBase16, toSri } from "../../src/domain/nix/hash.js";
import type { CaMethod } from "../../src/domain/nix/content-address.js";
import { sha256, utf8 } from "../../src/domain/nix/sha256.js";
import { makeFixedOutputPath } from "../../src/domain/nix/fixed-output.js";
import { formatStorePath } from "../../src/domain/nix/store-path.js";
import { hasNix, NIX_ENV, nix, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("fixed-output path integration");

const ours = (name: string, method: CaMethod, hash: string): string => {
  const h = parseHash(hash);
  if (!h.ok) throw new Error(h.error);
  const p = makeFixedOutputPath(name, { method, hash: h.value });
  if (!p.ok) throw new Error(p.error);
  return formatStorePath(p.value);
};

// Digests of every size, from a fixed byte pattern (the path depends on the digest's bytes only).
const digest = (algo: "md5" | "sha1" | "sha256" | "sha512", seed: number): string => {
  const size = { md5: 16, sha1: 20, sha256: 32, sha512: 64 }[algo];
  return `${algo}:${toBase16(Uint8Array.from({ length: size }, (_, i) => (i * 37 + seed * 101) & 0xff))}`;
};

describe.runIf(hasNix)(`fixed-output paths equal the real nix (${nixVersion ?? "absent"})`, () => {
  const cases: [CaMethod, string, string][] = [];
  for (const algo of ["md5", "sha1", "sha256", "sha512"] as const)
    for (const [seed, name] of [
      [1, "source"],
      [2, "hello-2.12.1.tar.gz"],
      [3, "openssl-3.0.14-dev"],
    ] as const)
      for (const method of ["flat", "nar"] as const) cases.push([method, name, digest(algo, seed)]);

  it.each(cases)("%s %s %s = nix-store --print-fixed-path", (method, name, hash) => {
    const h = parseHash(hash);
    if (!h.ok) throw new Error(h.error);
    const args = [
      "--print-fixed-path",
      ...(method === "nar" ? ["--recursive"] : []),
      h.value.algo,
      toSri(h.value),
      name,
    ];
    expect(ours(name, method, hash)).toBe(nix("nix-store", args).trim());
  });

  it("text: equals the path of builtins.toFile", () => {
    const content = "hello from a text store object\n";
    const fromNix = execFileSync(
      "nix-instantiate",
      ["--eval", "--expr", `builtins.toFile "greeting" ${JSON.stringify(content)}`],
      { env: NIX_ENV, encoding: "utf8" },
    ).trim();
    const hash = `sha256:${toBase16(sha256(utf8(content)))}`;
    expect(ours("greeting", "text", hash)).toBe(JSON.parse(fromNix));
  });
});
