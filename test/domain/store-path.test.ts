import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseHash, toBase16, toNix32, type Hash } from "../../src/domain/nix/hash.js";
import fc from "fast-check";
import { sha256, utf8 } from "../../src/domain/nix/sha256.js";
import {
  compressHash,
  formatStorePath,
  makeStorePath,
  parseStorePath,
  sourceStorePath,
} from "../../src/domain/nix/store-path.js";

const h = (s: string): Hash => {
  const r = parseHash(s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const nodeSha256 = (data: Uint8Array): Uint8Array => createHash("sha256").update(data).digest();

describe("sha256", () => {
  it.each([0, 1, 55, 56, 63, 64, 65, 119, 120, 1000])("matches node:crypto for %i random bytes", (n) => {
    const data = randomBytes(n);
    expect(toBase16(sha256(data))).toBe(createHash("sha256").update(data).digest("hex"));
  });
});

// nix-formats.md §4.3, each verified against the path Nix 2.8.0 reported.
describe("utf8", () => {
  it("encodes as TextEncoder does, ASCII (the fast path) or not", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), (s) => {
        expect(utf8(s)).toEqual(new TextEncoder().encode(s));
      }),
      { seed: 5, numRuns: 2000 },
    );
  });
});

describe("makeStorePath", () => {
  // The fingerprint is written into scratch bytes when ASCII and fitting; this is the plain reading.
  const plain = (type: string, hash: Hash, name: string, storeDir: string): string =>
    toNix32(compressHash(sha256(utf8(`${type}:${hash.algo}:${toBase16(hash.bytes)}:${storeDir}:${name}`)), 20));
  it("hashes the fingerprint's UTF-8 bytes, whatever the name and store directory", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.oneof(fc.constant("source"), fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 8 })),
        fc.oneof(fc.constant("/nix/store"), fc.constant(`/${"d".repeat(600)}`), fc.string({ maxLength: 20 })),
        (bytes, name, storeDir) => {
          const hash: Hash = { algo: "sha256", bytes };
          expect(makeStorePath("source", hash, name, storeDir).hash).toBe(plain("source", hash, name, storeDir));
        },
      ),
      { seed: 3, numRuns: 1500 },
    );
  });
});

describe("source store paths (nix-formats.md §4.3 vectors)", () => {
  it.each([
    [
      "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=",
      "source",
      "/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source",
    ],
    [
      "sha256-io28R+1ONq+P6XoY7FyTtDtIkcPPt9a4MN0htU63gGo=",
      "source",
      "/nix/store/v1xlr6fxgx85ff07vkl4zidvrpc4vs5p-source",
    ],
    [
      "sha256-FHbp1aFa0rVZupl2xvW0Aacim14444Vl9Qhdui2bBmM=",
      "source",
      "/nix/store/10q2fdsdvdsr8nzvqs7vv5mjvf432hdg-source",
    ],
    [
      "sha256-ygbMURR6MW1ZIwYBG8/uKx7ai6Lcmvmf6k32B15gPc4=",
      "source",
      "/nix/store/hs82nn0alnm60a0wvc3nyyssz5ylzgd0-source",
    ],
    [
      "sha256-Joj9bI3bXe8wYWYOXnmAY3Vq1/Hn7Pf8npGQgTyEhuY=",
      "source",
      "/nix/store/46lx7s6fq1p9fxyg0y2z5303wirc0y1n-source",
    ],
    [
      "sha256-dm5c7TCLFdkLh2fBWWHXVrRx4z2krRpLMuaXl9Tr9BI=",
      "source",
      "/nix/store/iy8yw5dh6jc13vv9cz3gf6g6dq09d5jm-source",
    ],
    [
      "sha256-NdAfPK1NwzrYebNHefjGKsrkOEQz5cdM/Is2ga38ZRM=",
      "source",
      "/nix/store/zwk4g4dafdm2mwnykkfyc0kwcbacwgxd-source",
    ],
    [
      "sha256-vm/l8v7kCjHYRg3EOa5qkGU+mmgDaQFMFLwvAMctpxM=",
      "source",
      "/nix/store/78b18qp0azkx09mspdpdjrii07aswlfp-source",
    ],
    [
      "sha256-cUtWA6Ug8e1atkkaHKrJjLrvm2yn60U9LKyt47pTaAY=",
      "source",
      "/nix/store/bgs7w7wwnrdhg13cjy7nsm387m9f5p7k-source",
    ],
    [
      "sha256-FHbp1aFa0rVZupl2xvW0Aacim14444Vl9Qhdui2bBmM=",
      "mysrc",
      "/nix/store/qglrdn889y3wq7d1qcxslfz6cnzrzrqh-mysrc",
    ],
    [
      "sha256-ygbMURR6MW1ZIwYBG8/uKx7ai6Lcmvmf6k32B15gPc4=",
      "proj-src",
      "/nix/store/yg4hbcpipyax3wxk4v9l27r8kgn59h95-proj-src",
    ],
    [
      "sha256:034pg7mrl30rgws5cwl9d8b09fafvjlgbdxvmmcm160xnimijv0l",
      "source",
      "/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source",
    ],
  ])("%s (%s) → %s", (narHash, name, expected) => {
    expect(formatStorePath(sourceStorePath(h(narHash), name))).toBe(expected);
    // the same with a caller's SHA-256 (the CLI gives node:crypto's): the digest is only faster
    expect(formatStorePath(sourceStorePath(h(narHash), name, undefined, nodeSha256))).toBe(expected);
  });

  it("a caller's SHA-256 is the one used, for both hashes of a non-sha256 narHash", () => {
    const calls: number[] = [];
    const counting = (data: Uint8Array): Uint8Array => {
      calls.push(data.length);
      return nodeSha256(data);
    };
    const sha512 = `sha512-${Buffer.alloc(64, 7).toString("base64")}`;
    expect(sourceStorePath(h(sha512), "source", undefined, counting)).toEqual(sourceStorePath(h(sha512), "source"));
    expect(calls).toHaveLength(2);
  });

  it("recursive add of a file: sha256-rM5k… → 4a9rf5r7…-source", () => {
    expect(formatStorePath(sourceStorePath(h("sha256-rM5kCCR6UbxXcfBpvp9+LovcAeoisdn/u/7fsxu1oRg=")))).toBe(
      "/nix/store/4a9rf5r7gsipi877zs9893vhvayv7hv7-source",
    );
  });

  it("flat fixed-output path from its inner fingerprint (§4.3 flat file vector)", () => {
    const inner = new TextEncoder().encode(
      "fixed:out:sha256:702b7d2e4b28c4f3ef1434bd2333a83427796a9007fb2a23248becd4d51a3e7f:",
    );
    expect(formatStorePath(makeStorePath("output:out", { algo: "sha256", bytes: sha256(inner) }, "source"))).toBe(
      "/nix/store/w1bsiw08wifrvnnmpn83y8mq7c0pd0kb-source",
    );
  });

  it("the store directory is part of the fingerprint", () => {
    const p = sourceStorePath(h("sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww="), "source", "/gnu/store");
    expect(p.storeDir).toBe("/gnu/store");
    expect(p.hash).not.toBe("2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn");
  });
});

describe("parseStorePath", () => {
  it.each([
    ["/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source", true],
    ["/nix/store/wi4d7q1bylnhc04fmncayf3n79b7s1z4-top-1.0.drv", true],
    ["/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwe-source", false],
    ["/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gw-source", false],
    ["/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn_source", false],
    ["/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-", false],
    ["/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-bad name", false],
    ["relative/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source", false],
    ['/we"ird/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source', false],
    ["nostore", false],
  ])("%s valid=%s", (text, valid) => {
    expect(parseStorePath(text).ok).toBe(valid);
  });

  it("rejects a path outside the expected store dir", () => {
    expect(parseStorePath("/gnu/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source", "/nix/store").ok).toBe(false);
  });
});
