import { describe, expect, it } from "vitest";
import { flakeAttrPath, flakeSubdirectory } from "../../src/domain/nix/flake-installable.js";

describe("flakeAttrPath: only `.#attr.path` installables are evaluated", () => {
  it.each([
    [".#packages.x86_64-linux.default", "packages.x86_64-linux.default"],
    [".#nixosConfigurations.web.config.system.build.toplevel", "nixosConfigurations.web.config.system.build.toplevel"],
    [
      ".#legacyPackages.x86_64-linux.python311Packages.requests",
      "legacyPackages.x86_64-linux.python311Packages.requests",
    ],
    [".#hello", "hello"],
    [".#g++'", "g++'"],
  ])("%s → %s", (installable, attrPath) => {
    expect(flakeAttrPath(installable)).toEqual({ ok: true, value: attrPath });
  });

  it.each([
    ["another flake", "github:evil/flake#x"],
    ["a path flake", "path:/tmp/x#y"],
    ["a store path", "/nix/store/00000000000000000000000000000000-x"],
    ["an option", "--impure"],
    ["an option as the attribute", ".#--option"],
    ["a leading dash", "-#x"],
    ["spaces", ".#a --impure"],
    ["an output selector", ".#a^out"],
    ["percent-encoding", ".#a%2Eb"],
    ["a URL query", ".#a?dir=x"],
    ["a second fragment", ".#a#b"],
    ["a quoted name", '.#"a.b"'],
    ["nothing after .#", ".#"],
    ["an empty name", ".#a..b"],
    ["a trailing dot", ".#a."],
    ["no .#", "packages.x86_64-linux.default"],
    ["a newline", ".#a\nb"],
    ["a slash", ".#a/b"],
    ["too long", `.#${"a".repeat(1000)}`],
  ])("refuses %s", (_why, installable) => {
    expect(flakeAttrPath(installable).ok).toBe(false);
  });
});

describe("flakeSubdirectory: the flake's directory inside the repository", () => {
  it.each([
    ["", ""],
    [".", ""],
    ["./", ""],
    ["infra", "infra"],
    ["./infra/hosts/", "infra/hosts"],
  ])("%j → %j", (dir, out) => {
    expect(flakeSubdirectory(dir)).toEqual({ ok: true, value: out });
  });

  it.each(["/etc", "../up", "a/../../b", "a//b", "a b", "a?rev=1", "a#b", "a&dir=b"])("refuses %j", (dir) => {
    expect(flakeSubdirectory(dir).ok).toBe(false);
  });
});
