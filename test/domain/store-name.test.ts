import { describe, expect, it } from "vitest";
import { parseStoreName } from "../../src/domain/nix/store-name.js";

describe("parseStoreName (Nix's DrvName rule, plus output suffixes)", () => {
  it.each([
    ["hello-2.12.1", "hello", "2.12.1", undefined, false],
    ["glibc-2.37-8-bin", "glibc", "2.37-8", "bin", false],
    ["perl5.34.1-TimeDate-2.33", "perl5.34.1-TimeDate", "2.33", undefined, false],
    ["source", "source", undefined, undefined, false],
    ["top-1.0.drv", "top", "1.0", undefined, true],
    ["python3.11-requests-2.31.0", "python3.11-requests", "2.31.0", undefined, false],
    ["openssl-3.0.13-dev", "openssl", "3.0.13", "dev", false],
    ["util-linux-minimal-2.39.3-lib", "util-linux-minimal", "2.39.3", "lib", false],
    ["bash-interactive-5.2p26-man", "bash-interactive", "5.2p26", "man", false],
    ["nixos-system-host-24.05.20240601.abcdef0", "nixos-system-host", "24.05.20240601.abcdef0", undefined, false],
    ["libxml2-dev", "libxml2", undefined, "dev", false],
    ["my.patch", "my.patch", undefined, undefined, false],
  ])("%s", (name, pname, version, output, isDerivation) => {
    const p = parseStoreName(name);
    expect(p).toEqual({
      pname,
      ...(version !== undefined ? { version } : {}),
      ...(output !== undefined ? { output } : {}),
      isDerivation,
    });
  });
});
