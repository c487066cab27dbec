import { describe, expect, it } from "vitest";
import { fromBase16, parseHash, toBase16, toBase64, toNix32, toSri, type HashAlgo } from "../../src/domain/nix/hash.js";

// nix-formats.md §3.3, verified with Nix 2.8.0.
const VECTORS: Array<[HashAlgo, string, string, string]> = [
  [
    "sha256",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000001",
    "sha256-AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
  ],
  [
    "sha256",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "1000000000000000000000000000000000000000000000000000",
    "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIA=",
  ],
  [
    "sha256",
    "00000000000000000000000000000000000000000000000000000000000000ff",
    "1zq0000000000000000000000000000000000000000000000000",
    "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAP8=",
  ],
  ["md5", "5d41402abc4b2a76b9719d911017c592", "4jqlbi14cxf6wpcajbphm40hax", "md5-XUFAKrxLKna5cZ2REBfFkg=="],
  [
    "sha1",
    "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
    "9m1skbnr5i43n3yypvda5s65vhfwdx5a",
    "sha1-qvTGHdzF6KLavt4PO0gs2a6pQ00=",
  ],
  [
    "sha256",
    "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
    "094qif9n4cq4fdg459qzbhg1c6wywawwaaivx0k0x8xhbyx4vwic",
    "sha256-LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=",
  ],
  [
    "sha512",
    "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043",
    "11w1pmwfdpz9pisbhp5qiv38q6dmidq2ipcqykw3p0sb6yrqcij79rwcwcjbxyzwbdal349qbxrncbk7pmd6snljrfpiwv2pljd4wcv",
    "sha512-m3HSJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw==",
  ],
  [
    "sha256",
    "146c196bb41d985059adbbb7f5a8dc4eb904166a897256347f190c9aeb79970c",
    "034pg7mrl30rgws5cwl9d8b09fafvjlgbdxvmmcm160xnimijv0l",
    "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=",
  ],
];

describe("hash encodings (nix-formats.md §3.3 vectors)", () => {
  it.each(VECTORS)("%s %s encodes to nix32, SRI and back", (algo, hex, nix32, sri) => {
    const bytes = fromBase16(hex, hex.length / 2)!;
    expect(toNix32(bytes)).toBe(nix32);
    expect(toSri({ algo, bytes })).toBe(sri);
    expect(toBase16(bytes)).toBe(hex);
    for (const form of [
      sri,
      `${algo}:${hex}`,
      `${algo}:${nix32}`,
      `${algo}:${toBase64(bytes)}`,
      `${algo}:${hex.toUpperCase()}`,
    ]) {
      const parsed = parseHash(form);
      expect(parsed.ok, form).toBe(true);
      if (parsed.ok) expect(toBase16(parsed.value.bytes)).toBe(hex);
    }
    const bare = parseHash(nix32, algo);
    expect(bare.ok && toBase16(bare.value.bytes)).toBe(hex);
  });

  it.each([
    ["SRI without padding", "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww", true],
    ["SRI with extra padding", "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww===", true],
    ["nix32 with overflowing first char", "sha256:z000000000000000000000000000000000000000000000000000", false],
    ["nix32 first char 7 overflows", "sha256:7zq0000000000000000000000000000000000000000000000000", false],
    ["nix32 first char 1 fits", "sha256:1zq0000000000000000000000000000000000000000000000000", true],
    ["letter e is not nix32", "sha256:e000000000000000000000000000000000000000000000000000", false],
    ["uppercase algorithm", "SHA256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=", false],
    ["unknown algorithm", "blake2:abcd", false],
    ["wrong length", "sha256:abcd", false],
    ["no algorithm", "FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=", false],
    ["truncated SRI", "sha256-tooshort", false],
  ])("%s", (_name, text, valid) => {
    expect(parseHash(text).ok).toBe(valid);
  });
});
