import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { DerivationSet } from "../../src/domain/nix/derivation.js";
import { buildTimeSources, identifyPackages, mirrorFilesOf, type Package } from "../../src/domain/packages/index.js";
import { parseDerivations } from "../../src/ingest/closure/derivation.js";
import { parsePathInfo } from "../../src/ingest/closure/path-info.js";
import { parseMeta } from "../../src/ingest/meta/meta.js";
import { parseMirrorList } from "../../src/ingest/packages/mirror-list.js";
import { type Drv28, to233 } from "../support/derivation-shapes.js";
import { hasNix, NIX_ENV, nix, nixVersion, reportNixSkip } from "../support/nix.js";
import { writeWorld } from "../support/package-world.js";

reportNixSkip("packages integration");

const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";

describe.runIf(hasNix)(`packages of a package set the real nix instantiates (${nixVersion ?? "absent"})`, () => {
  const file = writeWorld();
  const attrs = ["hello", "nixsrc", "pyreq", "mytool"];
  const recorded = JSON.parse(nix("nix", ["show-derivation", "-r", "-f", file, ...attrs])) as Record<string, Drv28>;
  const derivations = must(parseDerivations(JSON.stringify(recorded), "drv.json"));
  const metaText = execFileSync("nix-env", ["-qa", "--json", "--meta", "--out-path", "-f", file], {
    env: NIX_ENV,
    encoding: "utf8",
  });
  const meta = must(parseMeta(metaText, "meta.json"));
  // The runtime closure: every package output, the local patch (so its NAR hash is known), one path
  // whose deriver the set lacks and one with no deriver.
  const tops = Object.entries(recorded).filter(
    ([, d]) => d.outputs["out"]?.hash === undefined && d.env["pname"] !== undefined,
  );
  const outputs = tops.flatMap(([drv, d]) => Object.values(d.outputs).map((o) => ({ path: o.path!, deriver: drv })));
  const localPatch = recorded[tops.find(([, d]) => d.env["pname"] === "hello")![0]]!.inputSrcs.find((s) =>
    s.endsWith("local.patch"),
  )!;
  const closureDoc = [
    ...outputs.map((o) => ({ path: o.path, narHash: NAR, narSize: 1, references: [], deriver: o.deriver })),
    { path: localPatch, narHash: NAR, narSize: 1, references: [] },
    {
      path: "/nix/store/0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a-orphan-1",
      narHash: NAR,
      narSize: 1,
      references: [],
      deriver: "/nix/store/0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b-orphan-1.drv",
    },
  ];
  const closure = must(parsePathInfo(JSON.stringify(closureDoc), "closure.json"));
  const mirrors = new Map(
    mirrorFilesOf(closure, derivations).map((p) => [p, must(parseMirrorList(readFileSync(p, "utf8"), p))]),
  );
  const run = (set: DerivationSet) => identifyPackages({ closure, derivations: set, meta, mirrors });
  const report = run(derivations);
  const pkg = (name: string, output = "out"): Package =>
    report.packages.find((p) => p.name === name && p.output === output)!;

  it("names every package output from pname/version, with its output and derivation", () => {
    expect(report.packages.map((p) => `${p.name} ${p.version} ${p.output} ${p.nameFrom}`).sort()).toEqual([
      "hello 2.12.1 dev derivation",
      "hello 2.12.1 out derivation",
      "mytool 0.1 out derivation",
      "nix-tool 2.18.1 out derivation",
      "python3.11-requests 2.31.0 out derivation",
    ]);
    expect(report.counts).toEqual({ closurePaths: closureDoc.length, packages: 5, withMeta: 5, withoutLicense: 2 });
    expect(report.warnings).toEqual([
      { kind: "no-deriver", count: 1, example: localPatch },
      { kind: "deriver-not-in-derivations", count: 1, example: "/nix/store/0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a-orphan-1" },
    ]);
  });

  it("fetchurl with mirror://: URLs resolved through the derivation's own mirrorsFile, hash as CycloneDX, generic purl", () => {
    const [src] = pkg("hello").sources;
    expect(src).toMatchObject({
      kind: "fetched",
      name: "hello-2.12.1.tar.gz",
      urls: [
        {
          url: "https://ftpmirror.gnu.org/hello/hello-2.12.1.tar.gz",
          mirror: "mirror://gnu/hello/hello-2.12.1.tar.gz",
        },
        {
          url: "https://ftp.nluug.nl/pub/gnu/hello/hello-2.12.1.tar.gz",
          mirror: "mirror://gnu/hello/hello-2.12.1.tar.gz",
        },
      ],
      hash: {
        alg: "SHA-256",
        content: "8d99142afd92576f30b0cd7cb42a8dc6809998bc5d607d88761f512e26c7db20",
        method: "flat",
        written: "sha256-jZkUKv2SV28wsM18tCqNxoCZmLxdYH2Idh9RLibH2yA=",
      },
      purl: {
        type: "generic",
        name: "hello",
        version: "2.12.1",
        qualifiers: [
          ["checksum", "sha256:8d99142afd92576f30b0cd7cb42a8dc6809998bc5d607d88761f512e26c7db20"],
          ["download_url", "https://ftpmirror.gnu.org/hello/hello-2.12.1.tar.gz"],
        ],
      },
    });
    expect(pkg("hello", "dev").sources).toEqual(pkg("hello").sources);
  });

  it("patches: fetched with URL and hash (nix32 as written), local by store path and NAR hash", () => {
    const [fetched, local] = pkg("hello").patches;
    expect(fetched).toMatchObject({
      kind: "fetched",
      urls: [{ url: "https://github.com/gnu/hello/commit/0123abcd.patch" }],
      hash: {
        alg: "SHA-256",
        content: "702b7d2e4b28c4f3ef1434bd2333a83427796a9007fb2a23248becd4d51a3e7f",
        written: "0zry3bax9v4b4hijmyq7j1m7j9rlm0rj7g9l2kpz7i189cp7savh",
      },
      purl: { type: "github", namespace: "gnu", name: "hello", version: "0123abcd" },
    });
    expect(local).toEqual({
      kind: "local",
      path: localPatch,
      name: "local.patch",
      narHash: { alg: "SHA-256", content: "146c196bb41d985059adbbb7f5a8dc4eb904166a897256347f190c9aeb79970c" },
    });
  });

  it("fetchgit: git URL and rev, the tag from refs/tags/, a NAR hash, pkg:github", () => {
    const [src] = pkg("nix-tool").sources;
    expect(src).toMatchObject({
      kind: "fetched",
      git: { url: "https://github.com/NixOS/nix.git", rev: "refs/tags/2.18.1", tag: "2.18.1" },
      hash: { method: "nar" },
    });
    expect(pkg("nix-tool").sourcePurl).toEqual({ type: "github", namespace: "nixos", name: "nix", version: "2.18.1" });
  });

  it("srcs from PyPI with a sha512 SRI hash; a local source has a purl without download URL", () => {
    expect(pkg("python3.11-requests").sources[0]).toMatchObject({
      hash: { alg: "SHA-512" },
      purl: { type: "pypi", name: "requests", version: "2.31.0" },
    });
    expect(pkg("mytool").sources).toMatchObject([{ kind: "local", name: "src" }]);
    expect(pkg("mytool").sourcePurl).toEqual({ type: "generic", name: "mytool", version: "0.1" });
  });

  it("licences from meta, joined by output path: declared, a list (all apply), none", () => {
    expect(pkg("hello", "dev").license).toEqual({
      status: "declared",
      licenses: [{ spdxId: "GPL-3.0-or-later", name: "GNU General Public License v3.0 or later", free: true }],
    });
    expect(pkg("hello").meta).toMatchObject({
      cpe: "cpe:2.3:a:gnu:hello:2.12.1:*:*:*:*:*:*:*",
      homepages: ["https://www.gnu.org/software/hello/"],
    });
    expect(pkg("python3.11-requests").license).toEqual({
      status: "declared",
      licenses: [{ spdxId: "Apache-2.0" }, { name: "Unfree", free: false }],
    });
    expect(pkg("nix-tool").license).toEqual({ status: "none" });
  });

  it("version 4 derivation JSON (Nix 2.33+, fixed outputs without paths) gives the same packages", () => {
    expect(run(must(parseDerivations(JSON.stringify(to233(recorded)), "drv.json")))).toEqual(report);
  });

  it("without the mirrors file, the mirror URL is kept, marked, and counted", () => {
    const r = identifyPackages({ closure, derivations, meta });
    expect(r.packages.find((p) => p.name === "hello")!.sources[0]).toMatchObject({
      urls: [{ url: "mirror://gnu/hello/hello-2.12.1.tar.gz", unresolved: true }],
    });
    expect(r.warnings).toContainEqual({
      kind: "mirrors-file-missing",
      count: 2,
      example: "mirror://gnu/hello/hello-2.12.1.tar.gz",
    });
  });

  it("meta of another package set matches nothing: a warning, every licence a gap", () => {
    const other = must(
      parseMeta(
        JSON.stringify({ x: { name: "x-1", outputs: { out: "/nix/store/1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c-x-1" } } }),
        "other.json",
      ),
    );
    const r = identifyPackages({ closure, derivations, meta: other, mirrors });
    expect(r.warnings).toContainEqual({ kind: "meta-matches-nothing", metaPaths: 1 });
    expect(r.packages.every((p) => p.license.status === "no-meta")).toBe(true);
  });

  it("build-time-only sources: the fetches whose outputs are not in the runtime closure", () => {
    const sources = buildTimeSources({ closure, derivations, mirrors });
    expect(sources.map((s) => (s.kind === "fetched" ? s.name : s.kind)).sort()).toEqual([
      "fix.patch",
      "hello-2.12.1.tar.gz",
      "requests-2.31.0.tar.gz",
      "source",
    ]);
    expect(sources.find((s) => s.kind === "fetched" && s.name === "hello-2.12.1.tar.gz")).toEqual(
      pkg("hello").sources[0],
    );
  });
});
