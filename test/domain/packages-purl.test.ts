import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { PackageURL } from "packageurl-js";
import { describe, expect, it } from "vitest";
import type { PurlParts, SourceHash } from "../../src/domain/packages/index.js";
import { canonicalPurl, localPurl, registryPurl, sourcePurl } from "../../src/domain/packages/index.js";

/** The purl string packageurl-js builds from the parts, and the parts it parses back (validating both ways). */
function encode(p: PurlParts): string {
  const q = p.qualifiers !== undefined ? Object.fromEntries(p.qualifiers) : undefined;
  const s = new PackageURL(p.type, p.namespace, p.name, p.version, q, p.subpath).toString().replace(/%3A/g, ":");
  const back = PackageURL.fromString(s);
  expect([back.type, back.namespace ?? undefined, back.name, back.version ?? undefined]).toEqual([
    p.type,
    p.namespace,
    p.name,
    p.version,
  ]);
  return s;
}

const flat: SourceHash = { alg: "SHA-256", content: "de4d501267da".padEnd(64, "0"), method: "flat" };
const nar: SourceHash = { ...flat, method: "nar" };

describe("purls from fetch URLs", () => {
  it.each([
    ["https://github.com/NixOS/nix/archive/2.18.1.tar.gz", undefined, "pkg:github/nixos/nix@2.18.1"],
    ["https://github.com/NixOS/Nix/archive/refs/tags/v2.18.1.zip", undefined, "pkg:github/nixos/nix@v2.18.1"],
    [
      "https://github.com/madler/zlib/releases/download/v1.3.1/zlib-1.3.1.tar.xz",
      undefined,
      "pkg:github/madler/zlib@v1.3.1",
    ],
    ["https://codeload.github.com/owner/Repo/tar.gz/abc123", undefined, "pkg:github/owner/repo@abc123"],
    [
      "https://github.com/owner/repo.git",
      "0123456789abcdef0123456789abcdef01234567",
      "pkg:github/owner/repo@0123456789abcdef0123456789abcdef01234567",
    ],
    ["https://github.com/owner/repo/commit/0123abc.patch", undefined, "pkg:github/owner/repo@0123abc"],
    [
      "https://files.pythonhosted.org/packages/source/D/Django_package/Django_package-1.11.1.tar.gz",
      undefined,
      "pkg:pypi/django-package@1.11.1?file_name=Django_package-1.11.1.tar.gz",
    ],
    [
      "https://files.pythonhosted.org/packages/ab/cd/0123/requests-2.31.0-py3-none-any.whl",
      undefined,
      "pkg:pypi/requests@2.31.0?file_name=requests-2.31.0-py3-none-any.whl",
    ],
    [
      "https://pypi.org/packages/source/p/python-dateutil/python-dateutil-2.8.2.tar.gz",
      undefined,
      "pkg:pypi/python-dateutil@2.8.2?file_name=python-dateutil-2.8.2.tar.gz",
    ],
    ["https://crates.io/api/v1/crates/rand/0.7.2/download", undefined, "pkg:cargo/rand@0.7.2"],
    ["https://static.crates.io/crates/Inflector/Inflector-0.11.4.crate", undefined, "pkg:cargo/Inflector@0.11.4"],
    ["https://registry.npmjs.org/foobar/-/foobar-12.3.1.tgz", undefined, "pkg:npm/foobar@12.3.1"],
    [
      "https://registry.npmjs.org/@angular/animation/-/animation-12.3.1.tgz",
      undefined,
      "pkg:npm/%40angular/animation@12.3.1",
    ],
  ])("%s", (url, rev, expected) => {
    expect(encode(sourcePurl({ url, name: "ignored", version: "9", hash: flat, ...(rev ? { rev } : {}) }))).toBe(
      expected,
    );
  });

  it("other URLs: pkg:generic with download_url and, for a flat hash only, checksum (the spec's generic example)", () => {
    const url = "https://openssl.org/source/openssl-1.1.0g.tar.gz";
    expect(encode(sourcePurl({ url, name: "openssl", version: "1.1.10g", hash: flat }))).toBe(
      `pkg:generic/openssl@1.1.10g?checksum=sha256:${flat.content}&download_url=https:%2F%2Fopenssl.org%2Fsource%2Fopenssl-1.1.0g.tar.gz`,
    );
    expect(encode(sourcePurl({ url, name: "openssl", version: "1.1.10g", hash: nar }))).toBe(
      "pkg:generic/openssl@1.1.10g?download_url=https:%2F%2Fopenssl.org%2Fsource%2Fopenssl-1.1.0g.tar.gz",
    );
  });

  it("other git URLs: pkg:generic with vcs_url=git+<url>@<rev> (the spec's generic example)", () => {
    expect(
      encode(sourcePurl({ url: "https://git.fsfe.org/dxtr/bitwarderl", rev: "cc55108da32", name: "bitwarderl" })),
    ).toBe("pkg:generic/bitwarderl?vcs_url=git%2Bhttps:%2F%2Fgit.fsfe.org%2Fdxtr%2Fbitwarderl%40cc55108da32");
  });

  it("a local source has no download URL", () => {
    expect(encode(localPurl("mytool", "0.1"))).toBe("pkg:generic/mytool@0.1");
  });

  it.each(["mirror://gnu/hello/hello-2.12.tar.gz", "not a url", "file:///etc/passwd", "https://github.com/owner"])(
    "%s names no registry",
    (url) => {
      expect(registryPurl(url)).toBeUndefined();
    },
  );
});

// The purl spec's own test vectors (package-url/purl-spec tests/types/<type>-test.json): every
// `build` case's components, put through our per-type normalisation, give the spec's canonical string.
const SPEC = process.env["PURL_SPEC_DIR"] ?? "/work/.mirror/package-url+purl-spec/repo";
const specTests = (
  type: string,
): { test_type: string; input: unknown; expected_output: unknown; expected_failure?: boolean }[] => {
  try {
    const text = existsSync(`${SPEC}/tests/types/${type}-test.json`)
      ? readFileSync(`${SPEC}/tests/types/${type}-test.json`, "utf8")
      : execFileSync("git", ["-C", SPEC, "show", `HEAD:tests/types/${type}-test.json`], { encoding: "utf8" });
    return JSON.parse(text).tests;
  } catch {
    return [];
  }
};
const vectors = ["github", "pypi", "cargo", "npm", "generic"].flatMap((type) =>
  specTests(type)
    .filter((t) => t.test_type === "parse" && t.expected_failure !== true && typeof t.input === "string")
    .map((t) => [type, t.input as string, t.expected_output as Record<string, unknown>] as const),
);
if (vectors.length === 0) console.warn(`SKIPPED: purl-spec test vectors not found at ${SPEC} (set PURL_SPEC_DIR)`);

describe.runIf(vectors.length > 0)("the purl spec's test vectors", () => {
  it.each(vectors)("%s %s", (_type, input, expected) => {
    // The raw components as written, split as the spec's parse steps do (right to left), before any normalisation.
    let rest = input.replace(/^pkg:/i, "").split("#")[0]!;
    const q = rest.indexOf("?");
    const qualifiers =
      q >= 0 ? [...new URLSearchParams(rest.slice(q + 1))].map(([k, v]) => [k.toLowerCase(), v] as const) : [];
    if (q >= 0) rest = rest.slice(0, q);
    const at = rest.lastIndexOf("@");
    const version = at > rest.lastIndexOf("/") ? decodeURIComponent(rest.slice(at + 1)) : undefined;
    if (version !== undefined) rest = rest.slice(0, at);
    const [type, ...path] = rest.split("/").filter((x) => x !== "");
    const name = path.pop()!;
    const ours = canonicalPurl({
      type: type!,
      ...(path.length > 0 ? { namespace: path.map(decodeURIComponent).join("/") } : {}),
      name: decodeURIComponent(name),
      ...(version ? { version } : {}),
      ...(qualifiers.length > 0 ? { qualifiers } : {}),
    });
    expect([ours.type, ours.namespace ?? null, ours.name, ours.version ?? null]).toEqual([
      expected["type"],
      expected["namespace"],
      expected["name"],
      expected["version"],
    ]);
  });
});
