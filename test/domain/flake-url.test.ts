import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toFlakeUrl } from "../../src/domain/lock/flake-url.js";

/** Nix's query encoding written the long way: every value through encodeURIComponent, then `:@/?` back. */
const encodedTheLongWay = (v: string): string =>
  encodeURIComponent(v)
    .replace(/%3A|%40|%2F|%3F/g, decodeURIComponent)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

describe("toFlakeUrl query parameters", () => {
  it("encode every ref as Nix does, whether or not it needs encoding", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9._~:@/?!'()* -]{0,16}$/)), (ref) => {
        const url = toFlakeUrl({ type: "git", attrs: {}, url: "https://example.org/r.git", ref });
        expect(url).toBe(`git+https://example.org/r.git?ref=${encodedTheLongWay(ref)}`);
      }),
      { seed: 9, numRuns: 2000 },
    );
  });

  it.each([
    ["no query: parameters start one", "https://e.org/r", "git+https://e.org/r?ref=main&dir=sub"],
    [
      "a query: parameters join it, one it has is not repeated",
      "https://e.org/r?dir=x",
      "git+https://e.org/r?dir=x&ref=main",
    ],
    ["a '?' after '#' is not a query", "https://e.org/r#a?dir=x", "git+https://e.org/r#a?dir=x&ref=main&dir=sub"],
  ])("%s", (_behaviour, url, expected) => {
    expect(toFlakeUrl({ type: "git", attrs: {}, url, ref: "main", dir: "sub" })).toBe(expected);
  });

  it("a source without parameters is its base alone", () => {
    expect(toFlakeUrl({ type: "github", attrs: {}, owner: "NixOS", repo: "nixpkgs" })).toBe("github:NixOS/nixpkgs");
  });
});
