import { describe, expect, it } from "vitest";
import { buildInventory } from "../../../src/domain/lock/inventory.js";
import { formatInputPath } from "../../../src/domain/lock/input-path.js";
import { nameSource } from "../../../src/domain/lock/source-name.js";
import type { SourceRef } from "../../../src/domain/lock/source-ref.js";
import { toFlakeUrl } from "../../../src/domain/lock/flake-url.js";
import { parseOrThrow } from "../../support/lock.js";

const REV = "a72d2c07cfca03b55371089de6aa230d8c951fa0";
const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";

describe("one component per distinct source", () => {
  it("GitHub owners and repositories compare case-insensitively (nixos/nixpkgs = NixOS/nixpkgs)", () => {
    const gh = (owner: string) => ({
      locked: { type: "github", owner, repo: "nixpkgs", rev: REV, narHash: NAR, lastModified: 1 },
      original: { type: "github", owner, repo: "nixpkgs" },
    });
    const lock = {
      nodes: { root: { inputs: { a: "a", b: "b" } }, a: gh("NixOS"), b: gh("nixos") },
      root: "root",
      version: 7,
    };
    const inv = buildInventory(parseOrThrow(JSON.stringify(lock)));
    expect(inv.inputs.map((i) => [i.id, i.paths.map(formatInputPath)])).toEqual([["a", ["a", "b"]]]);
  });

  it("GitLab owners stay case-sensitive (only GitHub is folded)", () => {
    const gl = (owner: string) => ({
      locked: { type: "gitlab", owner, repo: "r", rev: REV, narHash: NAR },
      original: { type: "gitlab", owner, repo: "r" },
    });
    const lock = { nodes: { root: { inputs: { a: "a", b: "b" } }, a: gl("O"), b: gl("o") }, root: "root", version: 7 };
    expect(buildInventory(parseOrThrow(JSON.stringify(lock))).inputs).toHaveLength(2);
  });

  it("inputs that follow the root flake keep their input paths", () => {
    const lock = {
      nodes: {
        root: { inputs: { mid: "mid" } },
        mid: {
          inputs: { self: [], deep: ["mid"] },
          locked: { type: "github", owner: "o", repo: "mid", rev: REV, narHash: NAR },
          original: { type: "github", owner: "o", repo: "mid" },
        },
      },
      root: "root",
      version: 7,
    };
    const inv = buildInventory(parseOrThrow(JSON.stringify(lock)));
    // mid/deep is mid through a follows, which is listed but not expanded (as Nix's tree does):
    // mid/deep/self would resolve to the root too, but is no more listed than any other path below a follows.
    expect(inv.rootPaths.map(formatInputPath)).toEqual(["mid/self"]);
  });
});

describe("names Dependency-Track can match", () => {
  it.each<[string, SourceRef, SourceRef | undefined, object]>([
    [
      "a GitHub archive tarball is the repository at the commit",
      { type: "tarball", attrs: {}, url: `https://github.com/NixOS/nixpkgs/archive/${REV}.tar.gz`, lastModified: 1 },
      undefined,
      { group: "NixOS", name: "nixpkgs", version: REV, vcsUrl: "https://github.com/NixOS/nixpkgs" },
    ],
    [
      "a pinned FlakeHub tarball takes name and version from the URL",
      {
        type: "tarball",
        attrs: {},
        url: "https://api.flakehub.com/f/pinned/edolstra/flake-compat/1.1.0/01948eb7/source.tar.gz",
        rev: REV,
      },
      undefined,
      { group: "edolstra", name: "flake-compat", version: "1.1.0" },
    ],
    [
      "a file input takes the version in its URL",
      { type: "file", attrs: {}, url: "https://install.determinate.systems/determinate-nixd/tag/v3.21.2/x86_64-linux" },
      undefined,
      { name: "determinate-nixd", version: "v3.21.2" },
    ],
    [
      "a file input addressed by commit takes the commit",
      { type: "file", attrs: {}, url: `https://install.determinate.systems/determinate-nixd/rev/${REV}/macOS` },
      undefined,
      { name: "determinate-nixd", version: REV },
    ],
    [
      "a nixos.org channel tarball: name-version segment",
      {
        type: "tarball",
        attrs: {},
        url: "https://releases.nixos.org/nixos/26.05/nixos-26.05.3494.714a5f8c4ead/nixexprs.tar.xz",
      },
      undefined,
      { name: "nixos", version: "26.05.3494.714a5f8c4ead" },
    ],
    [
      "a Forgejo API archive: owner, repository and commit",
      { type: "tarball", attrs: {}, url: `https://git.clan.lol/api/v1/repos/clan/nix-select/archive/${REV}.tar.gz` },
      undefined,
      { group: "clan", name: "nix-select", version: REV },
    ],
    [
      "a registry-resolved path input is named by its registry id, with its rev",
      { type: "path", attrs: {}, path: "/nix/store/gxw5rlp29swdpgz26vhaqzy21b9pxrim-source", rev: REV },
      { type: "indirect", attrs: {}, id: "nixpkgs" },
      { name: "nixpkgs", version: REV },
    ],
    [
      "a git input on a known forge gets the owner as group",
      { type: "git", attrs: {}, url: "https://codeberg.org/jcollie/zig-overlay.git", rev: REV },
      undefined,
      { group: "jcollie", name: "zig-overlay", version: REV },
    ],
    [
      "a git input on an unknown host has no group",
      { type: "git", attrs: {}, url: "https://git.example.org/team/tool", rev: REV },
      undefined,
      { name: "tool", version: REV },
    ],
  ])("%s", (_what, locked, original, expected) => {
    expect(nameSource(locked, original)).toMatchObject(expected);
  });
});

describe("flake-audit:locked URLs", () => {
  it("a git URL that already carries ?dir= does not repeat it", () => {
    const s: SourceRef = {
      type: "git",
      attrs: {},
      url: "https://github.com/Open-Wine-Components/umu-launcher/?dir=packaging/nix",
      dir: "packaging/nix",
      rev: REV,
    };
    expect(toFlakeUrl(s, { treeFacts: true })).toBe(
      `git+https://github.com/Open-Wine-Components/umu-launcher/?dir=packaging/nix&rev=${REV}`,
    );
  });

  it("a path input keeps lastModified, narHash and rev, in Nix's key order", () => {
    const s: SourceRef = {
      type: "path",
      attrs: { narHash: "sha256-kzK0P4Smt7CL53YCdZCBbt9uBFFhE0iNvCki20etAf4=" },
      path: "/nix/store/gxw5rlp29swdpgz26vhaqzy21b9pxrim-source",
      lastModified: 1690031011,
      rev: REV,
    };
    expect(toFlakeUrl(s, { treeFacts: true })).toBe(
      `path:/nix/store/gxw5rlp29swdpgz26vhaqzy21b9pxrim-source?lastModified=1690031011&narHash=sha256-kzK0P4Smt7CL53YCdZCBbt9uBFFhE0iNvCki20etAf4%3D&rev=${REV}`,
    );
  });
});
