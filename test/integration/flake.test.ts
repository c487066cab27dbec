import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hasNix, NIX_ENV, nixVersion, reportNixSkip } from "../support/nix.js";
import { REPO } from "../support/paths.js";

reportNixSkip("flake evaluation");

const SYSTEMS = ["x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin"];
const version = (JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string }).version;
const out = (name: string): string => `/nix/store/${"0".repeat(32)}-${name}`;

/**
 * A stand-in nixpkgs with exactly the attributes flake.nix may use. Packages are sets with an outPath
 * (so they interpolate like derivations) that keep the arguments they were called with.
 */
const STUB_NIXPKGS = `{
  outputs = { self }:
    let
      genAttrs = names: f: builtins.listToAttrs (map (n: { name = n; value = f n; }) names);
      pkg = name: { stub = name; outPath = "${out("")}" + name; };
      called = fn: name: args: { stub = fn; inherit args; outPath = "${out("")}" + name; };
      pkgsFor = system: {
        inherit (self) lib;
        stdenv.hostPlatform.system = system;
        nodejs_22 = pkg "nodejs-22";
        git = pkg "git";
        nixfmt = pkg "nixfmt";
        buildNpmPackage = args: called "buildNpmPackage" "\${args.pname}-\${args.version}" args;
        mkShell = args: called "mkShell" "nix-shell" args;
        # In nixpkgs importNpmLock is a function that also carries its hooks (a __functor set).
        importNpmLock = {
          __functor = _: args: { stub = "importNpmLock"; inherit args; };
          npmConfigHook = pkg "npm-config-hook";
        };
      };
    in {
      lib = { inherit genAttrs; licenses.mit = { spdxId = "MIT"; }; };
      legacyPackages = genAttrs ${JSON.stringify(SYSTEMS).replace(/,/g, " ")} pkgsFor;
    };
}
`;

let flake: string;
let stub: string;
let env: NodeJS.ProcessEnv;

/** `nix eval --json` of one flake output, with nixpkgs replaced by the stub; no network, a throwaway cache. */
function evalFlake(attr: string, apply?: string): unknown {
  const args = ["eval", "--json", "--no-write-lock-file", "--override-input", "nixpkgs", `path:${stub}`];
  const target = [`path:${flake}#${attr}`, ...(apply !== undefined ? ["--apply", apply] : [])];
  const text = execFileSync("nix", [...args, ...target], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return JSON.parse(text);
}

describe.runIf(hasNix)(`flake.nix evaluated by the real nix (${nixVersion ?? "absent"}) over a stub nixpkgs`, () => {
  beforeAll(() => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-flake-"));
    flake = path.join(dir, "flake");
    stub = path.join(dir, "nixpkgs");
    mkdirSync(flake);
    mkdirSync(stub);
    for (const f of ["flake.nix", "flake.lock", "package.json"]) copyFileSync(path.join(REPO, f), path.join(flake, f));
    writeFileSync(path.join(stub, "flake.nix"), STUB_NIXPKGS);
    env = { ...NIX_ENV, HOME: dir, XDG_CACHE_HOME: path.join(dir, "cache") };
  });

  it("packages.default is buildNpmPackage over importNpmLock, as nixpkgs documents them, on Node 22", () => {
    const all = evalFlake("packages", "ps: builtins.mapAttrs (s: p: p.default.args) ps") as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(all).sort()).toEqual([...SYSTEMS].sort());
    for (const args of Object.values(all)) {
      const src = args["src"];
      // The flake's own source, copied to the store (nix 2.8 prints a store path of the store path).
      expect(src).toMatch(/^\/nix\/store\/[0-9a-z]{32}-[0-9a-z-]*source$/);
      expect(existsSync(path.join(String(src), "package.json"))).toBe(true);
      expect(args).toEqual({
        pname: "flake-audit",
        version,
        src,
        nodejs: out("nodejs-22"),
        npmDeps: { stub: "importNpmLock", args: { npmRoot: src } },
        npmConfigHook: out("npm-config-hook"),
        npmFlags: ["--ignore-scripts"],
        npmBuildScript: "build",
        meta: {
          description: expect.stringContaining("flake.lock"),
          homepage: expect.stringMatching(/^https:\/\//),
          license: { spdxId: "MIT" },
          mainProgram: "flake-audit",
        },
      });
    }
  });

  it("apps.default runs the package's flake-audit", () => {
    const apps = evalFlake("apps") as Record<string, { default: { type: string; program: string } }>;
    for (const system of SYSTEMS)
      expect(apps[system]?.default).toMatchObject({
        type: "app",
        program: `${out(`flake-audit-${version}`)}/bin/flake-audit`,
      });
  });

  it("checks build the package and run the test suite with git on the same Node", () => {
    const checks = evalFlake(
      "checks",
      "cs: builtins.mapAttrs (s: c: { build = c.build.args; tests = c.tests.args; }) cs",
    ) as Record<string, { build: Record<string, unknown>; tests: Record<string, unknown> }>;
    expect(Object.keys(checks).sort()).toEqual([...SYSTEMS].sort());
    for (const { build, tests } of Object.values(checks)) {
      expect(build["pname"]).toBe("flake-audit");
      expect(tests).toMatchObject({
        pname: "flake-audit-tests",
        nodejs: out("nodejs-22"),
        npmDeps: build["npmDeps"],
        doCheck: true,
        dontNpmInstall: true,
        nativeCheckInputs: [out("git")],
      });
      expect(tests["checkPhase"]).toContain("npx vitest run");
    }
  });

  it("formatter and devShells.default evaluate, the shell on the package's Node", () => {
    const formatter = evalFlake("formatter") as Record<string, string>;
    const shells = evalFlake("devShells", "ds: builtins.mapAttrs (s: d: d.default.args) ds") as Record<
      string,
      { packages: string[] }
    >;
    for (const system of SYSTEMS) {
      expect(formatter[system]).toBe(out("nixfmt"));
      expect(shells[system]?.packages).toEqual([out("nodejs-22"), out("git")]);
    }
  });
});
