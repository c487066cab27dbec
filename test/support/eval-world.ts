import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { testGit } from "./lock-update-repo.js";
import { NIX_ENV, nix } from "./nix.js";
import { PACKAGE_WORLD_NIX } from "./package-world.js";

/**
 * Two flakes for evaluating installables with the real Nix, offline:
 * - `pkgset`: a package set in nixpkgs' shapes (package-world's lib.nix: mkDerivation with pname,
 *   version, src, patches; fetchurl/fetchpatch as fixed-output derivations whose pinned content is
 *   their hash, so nothing needs a download) at two commits, `v1` and `v2`;
 * - `app`: a flake with `pkgs` as a `git+file://` input, whose flake.lock moves from v1 to v2
 *   between its commits `base` and `head` (a lock-update pull request).
 * From v1 to v2: hello 2.12.1 → 2.12.2 (new source), openssl 3.0.14 gains a patch (same version),
 * curl rebuilds because openssl did, ripgrep leaves the system and jq joins it; zlib does not move.
 */
export interface EvalWorld {
  readonly root: string;
  readonly pkgset: string;
  readonly app: string;
  readonly base: string;
  readonly head: string;
  /** The installables the app offers. */
  readonly installables: readonly string[];
}

export const APP_INSTALLABLES = [
  ".#packages.x86_64-linux.default",
  ".#packages.x86_64-linux.curl",
  ".#packages.x86_64-linux.zlib",
] as const;

/** SRI sha256 of a flat file with this content: what lib.nix's fetchurl writes, so the hash is true. */
const sri = (content: string): string => `sha256-${createHash("sha256").update(content).digest("base64")}`;

function fetch(url: string, content: string, patch = false): string {
  const fn = patch ? "fetchpatch" : "fetchurl";
  return `${fn} { url = ${JSON.stringify(url)}; hash = ${JSON.stringify(sri(content))}; content = ${JSON.stringify(content)}; }`;
}

/** packages.nix at revision 1 or 2. */
export function packagesNix(revision: 1 | 2): string {
  const hello = revision === 1 ? "2.12.1" : "2.12.2";
  const opensslPatches =
    revision === 1
      ? "[ ./patches/openssl-use-etc-ssl.patch ]"
      : `[ ./patches/openssl-use-etc-ssl.patch (${fetch("https://github.com/openssl/openssl/commit/72ae83ad214d2eef262461365a1975707f862712.patch", "--- CVE-2024-9143\n", true)}) ]`;
  const optional = revision === 1 ? "ripgrep" : "jq";
  const optionalPkg =
    revision === 1
      ? `ripgrep = mkDerivation { pname = "ripgrep"; version = "14.1.0"; src = ${fetch("https://crates.io/api/v1/crates/ripgrep/14.1.0/download", "ripgrep 14.1.0\n")}; };`
      : `jq = mkDerivation { pname = "jq"; version = "1.7.1"; src = ${fetch("https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-1.7.1.tar.gz", "jq 1.7.1\n")}; };`;
  return `{ lib }:
let inherit (lib) mkDerivation fetchurl fetchpatch;
in rec {
  buildtool = mkDerivation { pname = "buildtool"; version = "3.29.0"; src = ${fetch("https://cmake.org/files/v3.29/cmake-3.29.0.tar.gz", "cmake 3.29.0\n")}; };
  zlib = mkDerivation { pname = "zlib"; version = "1.3.1"; outputs = [ "out" "dev" ]; src = ${fetch("https://zlib.net/fossils/zlib-1.3.1.tar.gz", "zlib 1.3.1\n")}; };
  hello = mkDerivation { pname = "hello"; version = "${hello}"; src = ${fetch(`mirror://gnu/hello/hello-${hello}.tar.gz`, `hello ${hello}\n`)}; patches = [ ./patches/hello-nix-paths.patch ]; nativeBuildInputs = [ buildtool ]; };
  openssl = mkDerivation { pname = "openssl"; version = "3.0.14"; outputs = [ "bin" "dev" "out" ]; src = ${fetch("https://www.openssl.org/source/openssl-3.0.14.tar.gz", "openssl 3.0.14\n")}; patches = ${opensslPatches}; runtimeDeps = [ zlib ]; };
  curl = mkDerivation { pname = "curl"; version = "8.5.0"; src = ${fetch("https://curl.se/download/curl-8.5.0.tar.xz", "curl 8.5.0\n")}; runtimeDeps = [ openssl zlib ]; };
  ${optionalPkg}
  systemPackages = [ hello openssl.out openssl.bin curl ${optional} ];
}
`;
}

const PKGSET_FLAKE = `{
  description = "a package set in nixpkgs' shapes, for flake-audit's tests";
  outputs = { self }: {
    legacyPackages.x86_64-linux = import ./packages.nix { lib = import ./lib.nix { system = "x86_64-linux"; }; };
  };
}
`;

const appFlake = (pkgset: string): string => `{
  inputs.pkgs.url = ${JSON.stringify(`git+file://${pkgset}`)};
  outputs = { self, pkgs }:
    let p = pkgs.legacyPackages.x86_64-linux;
    in {
      packages.x86_64-linux = {
        default = derivation {
          name = "app-system";
          system = "x86_64-linux";
          PATH = "/bin:/usr/bin";
          builder = "/bin/sh";
          paths = p.systemPackages;
          args = [ "-c" "mkdir -p $out; for x in $paths; do echo $x >> $out/paths; done" ];
        };
        curl = p.curl;
        zlib = p.zlib;
      };
    };
}
`;

/** Writes and commits both flakes; `nix flake lock` (local git only: no network) writes the app's locks. */
export function buildEvalWorld(): EvalWorld {
  const root = mkdtempSync(path.join(tmpdir(), "fa-eval-world-"));
  const pkgset = path.join(root, "pkgset");
  const app = path.join(root, "app");
  mkdirSync(path.join(pkgset, "patches"), { recursive: true });
  mkdirSync(app);
  for (const f of ["lib.nix", "builder.sh", "patches/hello-nix-paths.patch", "patches/openssl-use-etc-ssl.patch"])
    copyFileSync(path.join(PACKAGE_WORLD_NIX, f), path.join(pkgset, f));
  writeFileSync(path.join(pkgset, "flake.nix"), PKGSET_FLAKE);
  writeFileSync(path.join(pkgset, "packages.nix"), packagesNix(1));
  testGit(pkgset, "init", "-q", "-b", "main");
  testGit(pkgset, "add", "-A");
  testGit(pkgset, "commit", "-q", "-m", "v1");

  writeFileSync(path.join(app, "flake.nix"), appFlake(pkgset));
  testGit(app, "init", "-q", "-b", "main");
  testGit(app, "add", "-A");
  nix("nix", ["flake", "lock"], app);
  testGit(app, "add", "-A");
  testGit(app, "commit", "-q", "-m", "app on pkgset v1");
  const base = testGit(app, "rev-parse", "HEAD");

  writeFileSync(path.join(pkgset, "packages.nix"), packagesNix(2));
  testGit(pkgset, "commit", "-q", "-am", "v2: hello 2.12.2, openssl CVE-2024-9143 patch, jq instead of ripgrep");
  nix("nix", ["flake", "lock", "--update-input", "pkgs"], app);
  testGit(app, "commit", "-q", "-am", "flake.lock: update pkgs");
  const head = testGit(app, "rev-parse", "HEAD");
  return { root, pkgset, app, base, head, installables: APP_INSTALLABLES };
}

/** `nix show-derivation -r` of one installable at one commit, asked the plain way (no worktree, no flake-audit). */
export function showDerivationAt(
  repo: string,
  rev: string,
  installable: string,
): { root: string; derivations: Record<string, unknown> } {
  const ref = `git+file://${repo}?rev=${rev}#${installable.slice(2)}`;
  const root = nix("nix", ["path-info", "--derivation", "--", ref]).trim();
  const derivations = JSON.parse(nix("nix", ["show-derivation", "-r", "--", root])) as Record<string, unknown>;
  return { root, derivations };
}

export { NIX_ENV };

/** A one-commit repository holding `flake.nix` (and any other files): returns its directory and commit. */
export function flakeRepo(prefix: string, files: Readonly<Record<string, string>>): { repo: string; rev: string } {
  const repo = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    writeFileSync(path.join(repo, name), text);
  }
  testGit(repo, "init", "-q", "-b", "main");
  testGit(repo, "add", "-A");
  testGit(repo, "commit", "-q", "-m", "flake");
  return { repo, rev: testGit(repo, "rev-parse", "HEAD") };
}

/** A flake whose `slow` takes minutes in little memory, and whose `big` needs gigabytes. */
export const LIMITS_FLAKE = `{
  outputs = { self }:
    let
      mk = name: attrs: derivation ({ inherit name; system = "x86_64-linux"; builder = "/bin/sh"; args = [ "-c" "echo > $out" ]; } // attrs);
      sum = n: builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) n);
    in {
      packages.x86_64-linux = {
        slow = mk "slow" { n = builtins.foldl' (a: i: a + sum 100000) 0 (builtins.genList (x: x) 1000000); };
        big = mk "big" { n = builtins.length (builtins.genList (x: [ x ]) 400000000); };
        fine = mk "fine" { };
      };
    };
}
`;

/** Nix's DrvName: the version starts at the first `-` not followed by a letter. */
function drvName(name: string): { name: string; version: string } {
  for (let i = 0; i < name.length - 1; i++)
    if (name[i] === "-" && !/[A-Za-z]/.test(name[i + 1] ?? ""))
      return { name: name.slice(0, i), version: name.slice(i + 1) };
  return { name, version: "" };
}

interface Shown {
  readonly outputs: Record<string, { hash?: string }>;
  readonly env: Record<string, string>;
}

/**
 * What a lock change does to one installable, from `nix show-derivation -r` of both sides alone:
 * packages are the derivations that are not fetches (no fixed output), named by pname (else the
 * name's DrvName), with their versions. Written apart from domain/impact, to check it.
 */
export function expectedImpact(oldDrvs: Record<string, unknown>, newDrvs: Record<string, unknown>) {
  const packages = (drvs: Record<string, unknown>) => {
    const m = new Map<string, { versions: Set<string>; drvs: Set<string> }>();
    for (const [p, raw] of Object.entries(drvs)) {
      const d = raw as Shown;
      if (Object.values(d.outputs).some((o) => o.hash !== undefined)) continue;
      const parsed = drvName(d.env["name"] ?? "");
      const name = d.env["pname"] ?? parsed.name;
      const version = d.env["pname"] !== undefined ? (d.env["version"] ?? "") : parsed.version;
      const e = m.get(name) ?? { versions: new Set(), drvs: new Set() };
      e.versions.add(version);
      e.drvs.add(p);
      m.set(name, e);
    }
    return m;
  };
  const [a, b] = [packages(oldDrvs), packages(newDrvs)];
  const same = (x: Set<string>, y: Set<string>) => x.size === y.size && [...x].every((v) => y.has(v));
  const both = [...b.keys()].filter((n) => a.has(n));
  return {
    versionChanges: both.filter((n) => !same(a.get(n)!.versions, b.get(n)!.versions)).sort(),
    added: [...b.keys()].filter((n) => !a.has(n)).sort(),
    removed: [...a.keys()].filter((n) => !b.has(n)).sort(),
    rebuilt: both
      .filter((n) => same(a.get(n)!.versions, b.get(n)!.versions) && !same(a.get(n)!.drvs, b.get(n)!.drvs))
      .sort(),
    rebuildCount: Object.keys(newDrvs).filter((p) => !(p in oldDrvs)).length,
  };
}
