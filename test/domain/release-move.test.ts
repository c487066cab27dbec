import { describe, expect, it } from "vitest";
import { releaseMove } from "../../src/domain/diff/release-move.js";

describe("routine releases of file and tarball inputs", () => {
  it.each([
    [
      "https://install.determinate.systems/determinate-nixd/tag/v3.21.1/macOS",
      "https://install.determinate.systems/determinate-nixd/tag/v3.21.2/macOS",
      "v3.21.1",
      "v3.21.2",
    ],
    [
      "https://flakehub.com/f/DeterminateSystems/nix-installer/0.1.377.tar.gz",
      "https://flakehub.com/f/DeterminateSystems/nix-installer/0.1.380.tar.gz",
      "0.1.377",
      "0.1.380",
    ],
    [
      "https://api.flakehub.com/f/pinned/DeterminateSystems/determinate/3.21.1/019ea867-5568-7d03-9579-e943ed6d4cef/source.tar.gz",
      "https://api.flakehub.com/f/pinned/DeterminateSystems/determinate/3.21.2/019edc7b-7758-7223-a52e-d8a340361a73/source.tar.gz",
      "3.21.1",
      "3.21.2",
    ],
    [
      "https://github.com/NixOS/nixpkgs/archive/e9b5e6c1b1bb0f2b5a1d2e4e0e3e1c7e8b9a0b1c.tar.gz",
      "https://github.com/NixOS/nixpkgs/archive/0a1b2c3d4e5f60718293a4b5c6d7e8f901234567.tar.gz",
      "e9b5e6c1b1bb0f2b5a1d2e4e0e3e1c7e8b9a0b1c",
      "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
    ],
    [
      "https://github.com/o/tool/releases/download/v1.2.0/tool-1.2.0-x86_64.tar.gz",
      "https://github.com/o/tool/releases/download/v1.3.0/tool-1.3.0-x86_64.tar.gz",
      "v1.2.0",
      "v1.3.0",
    ],
    [
      "https://channels.nixos.org/nixos-24.05/nixexprs.tar.xz",
      "https://channels.nixos.org/nixos-24.11/nixexprs.tar.xz",
      "nixos-24.05",
      "nixos-24.11",
    ],
    [
      "https://api.flakehub.com/f/pinned/NixOS/nixpkgs/0.2605.1005706%2Brev-9b69/019ea339-6504-7143-8470-7745d37ca840/source.tar.gz",
      "https://api.flakehub.com/f/pinned/NixOS/nixpkgs/0.2605.1006238%2Brev-a037/019ec222-4173-7a63-9e83-5062b70a9018/source.tar.gz",
      "0.2605.1005706+rev-9b69",
      "0.2605.1006238+rev-a037",
    ],
  ])("%s → %s is a release move", (a, b, from, to) => {
    expect(releaseMove(a, b)).toEqual({ from, to });
  });

  it.each([
    ["another host", "https://a.example/x/v1.0/f", "https://b.example/x/v1.1/f"],
    [
      "another owner",
      "https://github.com/alice/r/archive/v1.0.tar.gz",
      "https://github.com/mallory/r/archive/v1.1.tar.gz",
    ],
    [
      "another owner that looks numbered",
      "https://github.com/user1/r/archive/v1.0.tar.gz",
      "https://github.com/user2/r/archive/v1.0.tar.gz",
    ],
    ["another path", "https://a.example/x/v1.0/macOS", "https://a.example/x/v1.1/linux"],
    ["another name before the version", "https://a.example/nixos-24.05/x", "https://a.example/release-24.11/x"],
    ["another scheme", "http://a.example/v1.0", "https://a.example/v1.1"],
    ["more segments", "https://a.example/v1.0", "https://a.example/v1.1/x"],
    ["hex-looking words", "https://a.example/deadbeef/x", "https://a.example/cafebabe/x"],
    ["not a URL", "v1.0", "v1.1"],
  ])("%s is a source change", (_why, a, b) => {
    expect(releaseMove(a, b)).toBeUndefined();
  });

  it("answers quickly on hostile segments", () => {
    const long = `a${"_a".repeat(50_000)}1.2.3${".4".repeat(50_000)}!`;
    const t = Date.now();
    expect(releaseMove(`https://h/${long}`, `https://h/${long}x`)).toBeUndefined();
    expect(Date.now() - t).toBeLessThan(500);
  });
});
