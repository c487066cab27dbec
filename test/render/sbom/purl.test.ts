import { PackageURL } from "packageurl-js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ForgeSource, SourceRef } from "../../../src/domain/lock/source-ref.js";
import { parseHash } from "../../../src/domain/nix/hash.js";
import { nameSource } from "../../../src/domain/lock/source-name.js";
import { pathIdentityNote, purlOf } from "../../../src/render/sbom/purl.js";

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
      "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c?repository_url=https:%2F%2Fghe.example.com",
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
      `pkg:generic/tool@${REV}?vcs_url=git%2Bfile:%2F%2F%2Fhome%2Fme%2Fsrc%2Ftool`,
    ],
    [
      "Mercurial is generic with an hg+ vcs_url",
      { type: "hg", attrs: {}, url: "https://hg.example.org/proj", rev: REV },
      `pkg:generic/proj@${REV}?vcs_url=hg%2Bhttps:%2F%2Fhg.example.org%2Fproj`,
    ],
    [
      "a tarball carries download_url and a hex checksum, qualifiers sorted; name and version from the URL",
      { type: "tarball", attrs: {}, url: "https://example.org/dl/tool-1.0.tar.gz", narHash },
      "pkg:generic/tool@1.0?checksum=sha256:146c196bb41d985059adbbb7f5a8dc4eb904166a897256347f190c9aeb79970c&download_url=https:%2F%2Fexample.org%2Fdl%2Ftool-1.0.tar.gz",
    ],
    [
      "a FlakeHub tarball is named by its release",
      { type: "tarball", attrs: {}, url: "https://flakehub.com/f/NixOS/nixpkgs/0.2405.1.tar.gz" },
      "pkg:generic/NixOS/nixpkgs@0.2405.1?download_url=https:%2F%2Fflakehub.com%2Ff%2FNixOS%2Fnixpkgs%2F0.2405.1.tar.gz",
    ],
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
    // packageurl-js prints ':' as %3A where the spec leaves it bare; otherwise the text is its own.
    const parsed = PackageURL.fromString(purl ?? "");
    expect(parsed.toString().replace(/%3A/g, ":")).toBe(purl);
  });
});

/**
 * The purl spec's character rules (tests/types/generic-test.json build vectors): ':' is never
 * percent-encoded, '/' '+' '@' in qualifier values are. These were it.fails findings before issue 11.
 */
describe("the purl spec's character rules", () => {
  it.each<[string, SourceRef, string]>([
    [
      "spec generic-test.json: ':' in checksum and download_url stays, '/' is encoded",
      { type: "tarball", attrs: {}, url: "https://openssl.org/source/openssl-1.1.0g.tar.gz", narHash },
      "pkg:generic/openssl@1.1.0g?checksum=sha256:146c196bb41d985059adbbb7f5a8dc4eb904166a897256347f190c9aeb79970c&download_url=https:%2F%2Fopenssl.org%2Fsource%2Fopenssl-1.1.0g.tar.gz",
    ],
    [
      "repository_url keeps its ':'",
      github({ host: "ghe.example.com" }),
      "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c?repository_url=https:%2F%2Fghe.example.com",
    ],
    [
      "spec generic-test.json: vcs_url encodes '+' and '/' but not ':'",
      { type: "hg", attrs: {}, url: "https://hg.example.org/proj", rev: REV },
      `pkg:generic/proj@${REV}?vcs_url=hg%2Bhttps:%2F%2Fhg.example.org%2Fproj`,
    ],
    [
      "a git URL's .git suffix is not part of the purl name (spec git vectors have none)",
      { type: "git", attrs: {}, url: "https://codeberg.org/forgejo/forgejo.git", rev: REV },
      `pkg:git/codeberg.org/forgejo/forgejo@${REV}`,
    ],
    [
      "a literal %3A in a URL stays encoded as %253A (only real colons are left bare)",
      { type: "file", attrs: {}, url: "https://e.org/a%3Ab" },
      "pkg:generic/a:b?download_url=https:%2F%2Fe.org%2Fa%253Ab",
    ],
  ])("%s", (_behaviour, source, expected) => {
    expect(purlOf(source)).toBe(expected);
  });
});

describe("archive URLs name the source they come from", () => {
  it.each<[string, SourceRef, string]>([
    [
      "a GitHub archive tarball is that repository at that commit (flake-parts' nixpkgs-lib pattern)",
      { type: "tarball", attrs: {}, url: `https://github.com/NixOS/nixpkgs/archive/${REV}.tar.gz`, narHash },
      `pkg:github/nixos/nixpkgs@${REV}`,
    ],
    [
      "a GitHub tag archive",
      { type: "tarball", attrs: {}, url: "https://github.com/o/r/archive/refs/tags/v1.2.tar.gz" },
      "pkg:github/o/r@v1.2",
    ],
    [
      "a pinned FlakeHub tarball: group, name and version from the URL",
      {
        type: "tarball",
        attrs: {},
        url: "https://api.flakehub.com/f/pinned/hercules-ci/flake-parts/0.1.377%2Brev-abc/01972f28/source.tar.gz",
      },
      "pkg:generic/hercules-ci/flake-parts@0.1.377+rev-abc?download_url=https:%2F%2Fapi.flakehub.com%2Ff%2Fpinned%2Fhercules-ci%2Fflake-parts%2F0.1.377%252Brev-abc%2F01972f28%2Fsource.tar.gz",
    ],
    [
      "a file input takes the version in its URL",
      { type: "file", attrs: {}, url: "https://install.determinate.systems/determinate-nixd/tag/v3.21.1/macOS" },
      "pkg:generic/determinate-nixd@v3.21.1?download_url=https:%2F%2Finstall.determinate.systems%2Fdeterminate-nixd%2Ftag%2Fv3.21.1%2FmacOS",
    ],
  ])("%s", (_behaviour, source, expected) => {
    expect(purlOf(source)).toBe(expected);
  });
});

describe("github purls written without packageurl-js", () => {
  // Owners, repos and revs from characters percent-encoding leaves alone (the fast path) and from
  // characters it does not (the library path), mixed case, "." and ".." segments among them.
  const part = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/),
    fc.constantFrom(".", "..", "NixOS", "nix-community", "a~b"),
    fc.string({ minLength: 1, maxLength: 8 }),
  );
  it("print what packageurl-js prints for every github.com source", () => {
    fc.assert(
      fc.property(part, part, fc.option(part, { nil: undefined }), (owner, repo, rev) => {
        const source = github({ owner, repo, rev });
        let expected: string | undefined;
        try {
          expected = new PackageURL("github", owner, repo, rev ?? null, null, null).toString().replace(/%3A/g, ":");
        } catch {
          expected = undefined;
        }
        let actual: string | undefined;
        try {
          actual = purlOf(source);
        } catch {
          actual = undefined;
        }
        expect(actual).toBe(expected);
      }),
      { seed: 11, numRuns: 3000 },
    );
  });
});

/**
 * `path` inputs: the purl spec's generic type ("the name … in the worst case can be a file or
 * directory name"), the narHash as its `checksum` qualifier; checked as the spec's vectors are above:
 * the exact text, and packageurl-js parses it back to the same components.
 */
describe("path inputs are generic purls named by their directory, with the narHash as checksum", () => {
  const STORE = "/nix/store/gxw5rlp29swdpgz26vhaqzy21b9pxrim-source";
  const HEX = "146c196bb41d985059adbbb7f5a8dc4eb904166a897256347f190c9aeb79970c";
  const registryCopy: SourceRef = { type: "path", attrs: {}, path: STORE, narHash, rev: REV, lastModified: 1690031011 };
  it.each<[string, SourceRef, SourceRef | undefined, string | undefined, string | undefined]>([
    [
      "a registry copy (`path:/nix/store/…-source`, original `flake:nixpkgs`): its registry name, rev and checksum",
      registryCopy,
      { type: "indirect", attrs: {}, id: "nixpkgs" },
      undefined,
      `pkg:generic/nixpkgs@${REV}?checksum=sha256:${HEX}`,
    ],
    [
      "an absolute path with a narHash but no rev: the lastModified date as version",
      { type: "path", attrs: {}, path: "/home/me/src/tool", narHash, lastModified: 1690031011 },
      undefined,
      undefined,
      `pkg:generic/tool@2023-07-22?checksum=sha256:${HEX}`,
    ],
    [
      "a relative path: named by its directory, no version, no checksum",
      { type: "path", attrs: {}, path: "vendor/jumphost-nix" },
      undefined,
      "jumphost-nix",
      "pkg:generic/jumphost-nix",
    ],
    [
      "`path:../..` has no directory name of its own: the input's name",
      { type: "path", attrs: {}, path: "../.." },
      undefined,
      "nixvim",
      "pkg:generic/nixvim",
    ],
    [
      "the input's last segment when it is a transitive input",
      { type: "path", attrs: {}, path: "." },
      undefined,
      "app/lib",
      "pkg:generic/lib",
    ],
    [
      "`path:..` without the input's name: none (nothing to name it by)",
      { type: "path", attrs: {}, path: ".." },
      undefined,
      undefined,
      undefined,
    ],
  ])("%s", (_behaviour, source, original, inputName, expected) => {
    const purl = purlOf(source, nameSource(source, original), inputName);
    expect(purl).toBe(expected);
    if (purl === undefined) return;
    const parsed = PackageURL.fromString(purl);
    expect(parsed.toString().replace(/%3A/g, ":")).toBe(purl);
    expect(parsed.type).toBe("generic");
    expect(parsed.namespace ?? undefined).toBeUndefined();
    expect(parsed.qualifiers?.["checksum"]).toBe(source.narHash !== undefined ? `sha256:${HEX}` : undefined);
  });

  it("a name with characters the spec encodes still parses back to the same name", () => {
    const source: SourceRef = { type: "path", attrs: {}, path: "./my flake@2+ü" };
    const purl = purlOf(source) ?? "";
    expect(PackageURL.fromString(purl).name).toBe("my flake@2+ü");
  });

  it("a note says why a path without a narHash is named and nothing more; none when the narHash pins it", () => {
    expect(pathIdentityNote(registryCopy)).toBeUndefined();
    expect(pathIdentityNote({ type: "path", attrs: {}, path: "vendor/x" })).toMatch(
      /^name only: a relative path input has no narHash of its own/,
    );
    expect(pathIdentityNote({ type: "path", attrs: {}, path: "/srv/x" })).toMatch(
      /^name only: an absolute path input without a narHash/,
    );
    expect(pathIdentityNote(github())).toBeUndefined();
  });
});
