import { describe, expect, it } from "vitest";
import { nodeKey } from "../../src/domain/lock/graph.js";
import type { LockedInput } from "../../src/domain/lock/inventory.js";
import type { ForgeSource, SourceRef } from "../../src/domain/lock/source-ref.js";
import { githubTarget, isTarget, provenanceTargets } from "../../src/domain/provenance/upstream-facts.js";

const REV = "5e2a59a5b1a82f89f2c7e598302a9cacebb72a67";
const OTHER = "0123456789abcdef0123456789abcdef01234567";

/** Fields to change in a github source; `rev: undefined` removes the rev. */
type GithubOverrides = { readonly [K in "owner" | "repo" | "rev" | "ref" | "dir" | "host"]?: string | undefined };
function gh(overrides: GithubOverrides = {}): ForgeSource {
  const fields: Record<string, string> = { owner: "NixOS", repo: "nixpkgs", rev: REV };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete fields[k];
    else fields[k] = v;
  }
  const { owner, repo, ...rest } = fields;
  return { type: "github", attrs: {}, owner: owner ?? "", repo: repo ?? "", ...rest };
}
const git = (url: string): SourceRef => ({ type: "git", attrs: {}, url, rev: REV });
const gitWithoutRev = (url: string): SourceRef => ({ type: "git", attrs: {}, url });
const tarball = (url: string): SourceRef => ({ type: "tarball", attrs: {}, url });

describe("githubTarget: which inputs are looked up on GitHub, and where", () => {
  it.each<[string, SourceRef, SourceRef | undefined, readonly string[], object]>([
    ["a github input", gh(), undefined, [], { host: "github.com", owner: "NixOS", repo: "nixpkgs", rev: REV }],
    [
      "a github input follows original.ref",
      gh(),
      gh({ rev: undefined, ref: "nixos-unstable" }),
      [],
      { host: "github.com", owner: "NixOS", repo: "nixpkgs", rev: REV, ref: "nixos-unstable" },
    ],
    [
      "a github input on an Enterprise host keeps that host, lowercased",
      gh({ host: "GHE.Example.com" }),
      undefined,
      [],
      { host: "ghe.example.com", owner: "NixOS", repo: "nixpkgs", rev: REV },
    ],
    [
      "git+https to github.com, .git dropped",
      git("https://github.com/NixOS/nixpkgs.git"),
      undefined,
      [],
      { host: "github.com", owner: "NixOS", repo: "nixpkgs", rev: REV },
    ],
    [
      "git over ssh with userinfo to GitHub (host case-insensitive)",
      git("ssh://git@GitHub.com/owner/tool"),
      undefined,
      [],
      { host: "github.com", owner: "owner", repo: "tool", rev: REV },
    ],
    [
      "git URL with a query (?ref=…) and a port",
      git("https://github.com:443/owner/tool?ref=main"),
      undefined,
      [],
      { host: "github.com", owner: "owner", repo: "tool", rev: REV },
    ],
    [
      "git URL to a configured Enterprise host",
      git("https://ghe.corp.example/team/svc.git"),
      undefined,
      ["GHE.corp.example"],
      { host: "ghe.corp.example", owner: "team", repo: "svc", rev: REV },
    ],
    [
      "a GitHub archive tarball takes its rev from the URL",
      tarball(`https://github.com/owner/tool/archive/${OTHER}.tar.gz`),
      undefined,
      [],
      { host: "github.com", owner: "owner", repo: "tool", rev: OTHER },
    ],
  ])("%s", (_behaviour, locked, original, hosts, expected) => {
    expect(githubTarget(locked, original, hosts)).toEqual(expected);
  });

  it.each<[string, SourceRef, readonly string[], string]>([
    ["a github input with no rev", gh({ rev: undefined }), [], "no locked rev"],
    ["git to github.com with no rev", gitWithoutRev("https://github.com/o/r"), [], "no locked rev"],
    [
      "a tarball of a branch (no rev in the URL)",
      tarball("https://github.com/o/r/archive/main.tar.gz"),
      [],
      "no locked rev",
    ],
    [
      "gitlab",
      { type: "gitlab", attrs: {}, owner: "o", repo: "r", rev: REV },
      [],
      "gitlab inputs are not resolvable yet",
    ],
    [
      "sourcehut",
      { type: "sourcehut", attrs: {}, owner: "~u", repo: "r", rev: REV },
      [],
      "sourcehut inputs are not resolvable",
    ],
    ["git to another forge", git("https://codeberg.org/o/r"), [], "git input not hosted on GitHub"],
    [
      "git to an Enterprise host that is not configured",
      git("https://ghe.corp.example/o/r"),
      [],
      "not hosted on GitHub",
    ],
    [
      "a lookalike host (github.com.evil.example)",
      git("https://github.com.evil.example/o/r"),
      [],
      "not hosted on GitHub",
    ],
    ["userinfo that names github.com", git("https://github.com@evil.example/o/r"), [], "not hosted on GitHub"],
    ["a git URL with only one path segment", git("https://github.com/onlyowner"), [], "not hosted on GitHub"],
    ["a local git repository", git("file:///home/me/src/r"), [], "not hosted on GitHub"],
    ["a non-GitHub tarball", tarball("https://example.org/r.tar.gz"), [], "tarball input not hosted on GitHub"],
    ["a path input", { type: "path", attrs: {}, path: "/nix/store/x" }, [], "path inputs have no upstream"],
    ["an indirect input", { type: "indirect", attrs: {}, id: "nixpkgs" }, [], "resolved by the registry"],
    ["Mercurial", { type: "hg", attrs: {}, url: "https://hg.example.org/r", rev: REV }, [], "Mercurial"],
    [
      "an unknown type names its declared type",
      { type: "unknown", attrs: {}, declaredType: "fossil" },
      [],
      "fossil inputs",
    ],
  ])("%s is not a target", (_behaviour, locked, hosts, reason) => {
    const t = githubTarget(locked, undefined, hosts);
    expect(isTarget(t)).toBe(false);
    expect(t).toEqual({ reason: expect.stringContaining(reason) });
  });
});

describe("provenanceTargets", () => {
  const input = (id: string, locked: SourceRef): LockedInput => ({
    id,
    primaryPath: id.split("/"),
    paths: [id.split("/")],
    nodeKeys: [nodeKey(id)],
    locked,
    isFlake: true,
    pinning: "content",
    dependsOn: [],
    dependsOnRoot: false,
  });

  it("keeps inventory order, names each input by its input path, and passes Enterprise hosts on", () => {
    const targets = provenanceTargets(
      [
        input("home-manager/nixpkgs", gh()),
        input("lab", { type: "gitlab", attrs: {}, owner: "o", repo: "r", rev: REV }),
        input("corp", git("https://ghe.corp.example/team/svc")),
      ],
      ["ghe.corp.example"],
    );
    expect(targets.map((t) => [t.id, isTarget(t.target)])).toEqual([
      ["home-manager/nixpkgs", true],
      ["lab", false],
      ["corp", true],
    ]);
  });
});
