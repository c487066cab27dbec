import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hasNix, nixVersion, reportNixSkip } from "../support/nix.js";
import { buildPackageWorld, type PackageWorld } from "../support/package-world.js";

reportNixSkip("package world");

// The world the package tests stand on: if it stops having the shapes nixpkgs writes, those tests
// would pass for the wrong reason, so its shapes are held here.
describe.runIf(hasNix)(`the package world, built by the real nix (${nixVersion ?? "absent"})`, () => {
  let world: PackageWorld;
  beforeAll(() => {
    world = buildPackageWorld(mkdtempSync(path.join(tmpdir(), "flake-audit-pkgworld-")));
  }, 300_000);

  const fodsOf = (attr: string): Array<[string, PackageWorld["derivations"][string]]> => {
    const drv = world.drvOf(world.meta[attr]!.outputs[world.meta[attr]!.outputName]!);
    return Object.keys(world.derivations[drv]!.inputDrvs)
      .map((p) => [p, world.derivations[p]!] as [string, PackageWorld["derivations"][string]])
      .filter(([, d]) => d.env["outputHash"] !== undefined);
  };

  it("runtime closure holds the packages' runtime outputs, not sources, patches, dev outputs or build tools", () => {
    const names = world.closurePaths.map((p) => path.basename(p).slice(33)).sort();
    expect(names).toEqual([
      "hello-2.12.1",
      "left-pad-1.3.0",
      "localapp-1.0",
      "mystery-0.1",
      "openssl-3.0.14",
      "openssl-3.0.14-bin",
      "pkgworld-system",
      "python3.11-requests-2.31.0",
      "ripgrep-14.1.0",
      "tool-0.4.2",
      "zlib-1.3.1",
    ]);
  });

  it("fetchers carry their hashes in the forms nixpkgs writes: SRI, nix32 and hex, flat and recursive", () => {
    const env = (attr: string) => fodsOf(attr).map(([, d]) => d.env);
    expect(env("hello")[0]).toMatchObject({ outputHashAlgo: "sha256", outputHashMode: "flat" });
    expect(env("hello")[0]!["outputHash"]).toMatch(/^[0-9a-df-np-sv-z]{52}$/);
    expect(env("requests")[0]!["outputHash"]).toMatch(/^[0-9a-f]{64}$/);
    expect(env("left-pad")[0]!["outputHash"]).toMatch(/^sha512-/);
    expect(env("left-pad")[0]!["outputHashAlgo"]).toBeUndefined();
    expect(env("tool")[0]).toMatchObject({ outputHashMode: "recursive", url: "https://github.com/acme/tool.git" });
    const openssl = env("openssl");
    expect(openssl.map((e) => e["outputHashMode"]).sort()).toEqual(["flat", "recursive"]);
  });

  it("mirror:// URLs come with the derivation's own mirrorsFile, whose derivation lists the mirrors", () => {
    const [, hello] = fodsOf("hello")[0]!;
    expect(hello.env["urls"]).toBe("mirror://gnu/hello/hello-2.12.1.tar.gz");
    const mirrors = Object.entries(world.derivations).find(([, d]) =>
      Object.values(d.outputs).some((o) => o.path === hello.env["mirrorsFile"]),
    )?.[1];
    expect(mirrors?.env["gnu"]).toBe("https://ftpmirror.gnu.org/ https://ftp.gnu.org/pub/gnu/");
  });

  it("fixed outputs are where nix-store --print-fixed-path puts them", () => {
    for (const attr of ["hello", "openssl", "tool", "left-pad"])
      for (const [, d] of fodsOf(attr)) {
        const o = d.outputs["out"]!;
        const recursive = o.hashAlgo?.startsWith("r:") === true;
        const algo = o.hashAlgo!.replace(/^r:/, "");
        const args = [...(recursive ? ["--recursive"] : []), algo, o.hash!, d.env["name"]!];
        expect(world.sh("nix-store", ["--print-fixed-path", ...args]).trim(), d.env["name"]).toBe(o.path);
      }
  });

  it("patches are fetched (fetchpatch) or local store paths; a local source is an input source", () => {
    const opensslDrv = world.derivations[world.drvOf(world.meta["openssl"]!.outputs["out"]!)]!;
    const patches = opensslDrv.env["patches"]!.split(" ");
    expect(patches).toHaveLength(2);
    expect(patches[0]).toMatch(/-CVE-2024-5535\.patch$/);
    expect(opensslDrv.inputSrcs).toContain(patches[1]);
    const local = world.derivations[world.drvOf(world.meta["localapp"]!.outputs["out"]!)]!;
    expect(local.inputSrcs).toContain(local.env["src"]);
    expect(local.env["src"]).toMatch(/-local-src$/);
  });

  it("nix-env meta names each package's outputs: licences as a set, a list, unfree and id-less, CPEs", () => {
    const openssl = world.derivations[world.drvOf(world.meta["openssl"]!.outputs["out"]!)]!;
    expect(world.meta["openssl"]!.outputs).toEqual(
      Object.fromEntries(Object.entries(openssl.outputs).map(([name, o]) => [name, o.path])),
    );
    expect(Object.keys(openssl.outputs).sort()).toEqual(["bin", "dev", "man", "out"]);
    expect(world.meta["ripgrep"]!.meta["license"]).toHaveLength(2);
    expect(world.meta["tool"]!.meta["license"]).toMatchObject({ free: false, shortName: "unfree" });
    expect(world.meta["localapp"]!.meta["license"]).not.toHaveProperty("spdxId");
    expect(world.meta["mystery"]!.meta).not.toHaveProperty("license");
    expect(world.meta["hello"]!.meta["identifiers"]).toEqual({ cpe: "cpe:2.3:a:gnu:hello:2.12.1:*:*:*:*:*:*:*" });
  });
});
