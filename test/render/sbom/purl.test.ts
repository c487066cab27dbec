import { PackageURL } from "packageurl-js";
import { describe, expect, it } from "vitest";
import type { ForgeSource, SourceRef } from "../../../src/domain/lock/source-ref.js";
import { parseHash } from "../../../src/domain/nix/hash.js";
import { purlOf } from "../../../src/render/sbom/purl.js";

const REV = "a72d2c07cfca03b55371089de6aa230d8c951fa0";
const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";
const narHash = (() => {
  const h = parseHash(NAR);
  if (!h.ok) throw new Error(h.error);
  return h.value;
})();

/** Fields to change in a github source; `rev: undefined` removes the rev. */
type GithubOverrides = { readonly [K in "owner" | "repo" | "rev" | "ref" | "dir" | "host"]?: string | undefined };
function github(overrides: GithubOverrides = {}): ForgeSource {
  const fields: Record<string, string> = { owner: "package-url", repo: "purl-spec", rev: "244fd47e07d1004f0aed9c" };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete fields[k];
    else fields[k] = v;
  }
  const { owner, repo, ...rest } = fields;
  return { type: "github", attrs: {}, owner: owner ?? "", repo: repo ?? "", ...rest };
}

describe("purlOf follows the purl spec's own test vectors (tests/types/*-test.json, build tests)", () => {
  it.each<[string, SourceRef, string]>([
    ["github: namespace and name", github(), "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c"],
    [
      "github: a dir becomes the subpath",
      github({ rev: "244fd47e07d1004", dir: "everybody/loves/dogs" }),
      "pkg:github/package-url/purl-spec@244fd47e07d1004#everybody/loves/dogs",
    ],
    [
      "github: mixed-case owner and repo are lowercased (github type is case-insensitive)",
      github({ owner: "Package-url", repo: "purl-Spec" }),
      "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c",
    ],
    [
      "git: host and path of a git URL make the namespace, last segment the name",
      { type: "git", attrs: {}, url: "https://codeberg.org/forgejo/forgejo", rev: REV },
      `pkg:git/codeberg.org/forgejo/forgejo@${REV}`,
    ],
    [
      "git: a dir becomes the subpath",
      {
        type: "git",
        attrs: {},
        url: "https://codeberg.org/forgejo/forgejo",
        rev: REV,
        dir: "options/locale_readme.md",
      },
      `pkg:git/codeberg.org/forgejo/forgejo@${REV}#options/locale_readme.md`,
    ],
  ])("%s", (_behaviour, source, expected) => {
    expect(purlOf(source)).toBe(expected);
  });
});

describe("purlOf for each kind of locked source", () => {
  it.each<[string, SourceRef, string | undefined]>([
    [
      "GitHub Enterprise host goes into repository_url",
      github({ host: "ghe.example.com" }),
      "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c?repository_url=https%3A%2F%2Fghe.example.com",
    ],
    [
      "an explicit github.com host adds no qualifier",
      github({ host: "github.com" }),
      "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c",
    ],
    ["github without a rev has no version", github({ rev: undefined }), "pkg:github/package-url/purl-spec"],
    [
      "gitlab on gitlab.com becomes a git purl under the host",
      { type: "gitlab", attrs: {}, owner: "group", repo: "proj", rev: REV },
      `pkg:git/gitlab.com/group/proj@${REV}`,
    ],
    [
      "gitlab subgroups (owner group%2Fsub) are decoded into namespace segments",
      { type: "gitlab", attrs: {}, owner: "group%2Fsub", repo: "proj", rev: REV },
      `pkg:git/gitlab.com/group/sub/proj@${REV}`,
    ],
    [
      "self-hosted gitlab uses its host",
      { type: "gitlab", attrs: {}, owner: "o", repo: "r", host: "gitlab.gnome.org", rev: REV },
      `pkg:git/gitlab.gnome.org/o/r@${REV}`,
    ],
    [
      "sourcehut defaults to git.sr.ht and keeps the ~user",
      { type: "sourcehut", attrs: {}, owner: "~user", repo: "repo", rev: REV },
      `pkg:git/git.sr.ht/~user/repo@${REV}`,
    ],
    [
      "git over ssh with userinfo and port drops both",
      { type: "git", attrs: {}, url: "ssh://git@example.org:2222/team/tool", rev: REV },
      `pkg:git/example.org/team/tool@${REV}`,
    ],
    [
      "scp-style git URL",
      { type: "git", attrs: {}, url: "git@example.org:team/tool", rev: REV },
      `pkg:git/example.org/team/tool@${REV}`,
    ],
    [
      "a local git repository is generic with a vcs_url",
      { type: "git", attrs: {}, url: "file:///home/me/src/tool", rev: REV },
      `pkg:generic/tool@${REV}?vcs_url=git%2Bfile%3A%2F%2F%2Fhome%2Fme%2Fsrc%2Ftool`,
    ],
    [
      "Mercurial is generic with an hg+ vcs_url",
      { type: "hg", attrs: {}, url: "https://hg.example.org/proj", rev: REV },
      `pkg:generic/proj@${REV}?vcs_url=hg%2Bhttps%3A%2F%2Fhg.example.org%2Fproj`,
    ],
    [
      "a tarball carries download_url and a hex checksum, qualifiers sorted",
      { type: "tarball", attrs: {}, url: "https://example.org/dl/tool-1.0.tar.gz", narHash },
      "pkg:generic/tool-1.0.tar.gz?checksum=sha256%3A146c196bb41d985059adbbb7f5a8dc4eb904166a897256347f190c9aeb79970c&download_url=https%3A%2F%2Fexample.org%2Fdl%2Ftool-1.0.tar.gz",
    ],
    [
      "a FlakeHub tarball is named by its release",
      { type: "tarball", attrs: {}, url: "https://flakehub.com/f/NixOS/nixpkgs/0.2405.1.tar.gz" },
      "pkg:generic/NixOS/nixpkgs@0.2405.1?download_url=https%3A%2F%2Fflakehub.com%2Ff%2FNixOS%2Fnixpkgs%2F0.2405.1.tar.gz",
    ],
    ["a path input has none", { type: "path", attrs: {}, path: "/nix/store/x" }, undefined],
    ["an indirect input has none", { type: "indirect", attrs: {}, id: "nixpkgs" }, undefined],
    ["an unknown type has none", { type: "unknown", attrs: {}, declaredType: "fossil" }, undefined],
  ])("%s", (_behaviour, source, expected) => {
    expect(purlOf(source)).toBe(expected);
  });

  it.each<[string, SourceRef]>([
    ["a repo name with @ and space", github({ repo: "we@ird name" })],
    ["a git path with percent and unicode", { type: "git", attrs: {}, url: "https://h.org/ö%zz/x y", rev: REV }],
    ["a tarball URL with & = # ?", { type: "tarball", attrs: {}, url: "https://h.org/a?x=1&y=2#frag" }],
  ])("%s still parses back to the same components", (_behaviour, source) => {
    const purl = purlOf(source);
    expect(purl).toBeDefined();
    const parsed = PackageURL.fromString(purl ?? "");
    expect(parsed.toString()).toBe(purl);
  });
});

/**
 * Where purlOf's text differs from the spec's canonical form. These are findings for the purl issue,
 * not behaviour to keep: each test fails today (it.fails) and starts passing, so must be moved to the
 * table above, once purls follow the spec.
 */
describe("known differences from the purl spec (findings, not promises)", () => {
  it.fails.each<[string, SourceRef, string]>([
    [
      "spec generic-test.json: ':' and '/' in qualifier values are not percent-encoded",
      { type: "tarball", attrs: {}, url: "https://openssl.org/source/openssl-1.1.0g.tar.gz", narHash },
      "pkg:generic/openssl-1.1.0g.tar.gz?checksum=sha256:146c196bb41d985059adbbb7f5a8dc4eb904166a897256347f190c9aeb79970c&download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz",
    ],
    [
      "spec github-test.json: repository_url value keeps its ':' and '/'",
      github({ host: "ghe.example.com" }),
      "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c?repository_url=https://ghe.example.com",
    ],
    [
      "spec generic-test.json: vcs_url encodes '+' but not ':' or '/'",
      { type: "hg", attrs: {}, url: "https://hg.example.org/proj", rev: REV },
      `pkg:generic/proj@${REV}?vcs_url=hg%2Bhttps://hg.example.org/proj`,
    ],
    [
      "a git URL's .git suffix stays in the purl name (the component's name drops it; spec vectors have no .git)",
      { type: "git", attrs: {}, url: "https://codeberg.org/forgejo/forgejo.git", rev: REV },
      `pkg:git/codeberg.org/forgejo/forgejo@${REV}`,
    ],
  ])("%s", (_behaviour, source, expected) => {
    expect(purlOf(source)).toBe(expected);
  });
});
