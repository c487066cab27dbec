import { describe, expect, it } from "vitest";
import { nixNameVersion } from "../../src/domain/diff/closure-diff.js";
import { nixSizeDelta, nixVersions } from "../../src/render/diff/closure-lines.js";

describe("Nix's name/version split (diff-closures.cc)", () => {
  it.each([
    ["rel-1.0-rc", "rel", "1.0"],
    ["hello-2.12.1", "hello", "2.12.1"],
    ["glibc-2.35-224-bin", "glibc", "2.35-224"],
    ["zlib-1.3-lib64", "zlib", "1.3"],
    ["zlib-1.3-lib32", "zlib", "1.3"],
    ["bash-interactive", "bash", ""],
    ["bash-interactive-5.2-p15", "bash-interactive", "5.2-p15"],
    ["source", "source", ""],
    ["python3.11-foo-1.0-dist", "python3.11-foo", "1.0"],
    ["x-", "x-", ""],
    ["unit-1.0-Doc", "unit", "1.0-Doc"],
  ])("%s is %s %s", (storeName, name, version) => {
    expect(nixNameVersion(storeName)).toEqual({ name, version });
  });
});

describe("Nix 2.8's wording", () => {
  it("shows ε for an empty version, ∅ only for none, in byte order after substitution", () => {
    expect(nixVersions([])).toBe("∅");
    expect(nixVersions(["", "1.0"])).toBe("1.0, ε");
    expect(nixVersions(["2.0", "10.0"])).toBe("10.0, 2.0");
  });
  it("prints sizes as printf's %+.1f of KiB, rounding half to even", () => {
    expect(nixSizeDelta(12902)).toBe("+12.6 KiB");
    expect(nixSizeDelta(-6756147)).toBe("-6597.8 KiB");
    expect(nixSizeDelta(8448)).toBe("+8.2 KiB"); // 8.25
    expect(nixSizeDelta(8192 + 768)).toBe("+8.8 KiB"); // 8.75 → 8.8
    expect(nixSizeDelta(-8448)).toBe("-8.2 KiB");
    expect(nixSizeDelta(10240)).toBe("+10.0 KiB");
  });
});
