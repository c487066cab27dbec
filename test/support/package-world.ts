import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NIX_ENV } from "./nix.js";
import { REPO } from "./paths.js";

/** The package set's Nix files: nixpkgs' shapes written with `derivation` and a /bin/sh builder. */
export const PACKAGE_WORLD_NIX = path.join(REPO, "test/support/package-world");

/** One `nix-env -qa --json --meta --out-path` entry, as Nix 2.8 prints it. */
export interface MetaEntry {
  readonly name: string;
  readonly pname?: string;
  readonly version?: string;
  readonly outputName: string;
  readonly outputs: Record<string, string>;
  readonly meta: Record<string, unknown>;
}

/** One `nix show-derivation -r` entry (Nix 2.8: full paths, inputSrcs/inputDrvs at top level). */
export interface ShownDerivation {
  readonly outputs: Record<string, { path: string; hashAlgo?: string; hash?: string }>;
  readonly inputSrcs: string[];
  readonly inputDrvs: Record<string, string[]>;
  readonly env: Record<string, string>;
}

export interface PackageWorld {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly sh: (cmd: string, args: string[]) => string;
  /** Output path of system.nix: the runtime root. */
  readonly system: string;
  readonly systemDrv: string;
  /** Files the real commands wrote, as a user would pass them. */
  readonly files: {
    /** `nix path-info --json -r SYSTEM` */
    readonly closure: string;
    /** `nix show-derivation -r SYSTEM.drv` */
    readonly derivations: string;
    /** `nix-env -qa --json --meta --out-path -f default.nix` */
    readonly meta: string;
    /** The same of `variant = "other"`: meta of another nixpkgs (hello 2.12.2). */
    readonly otherMeta: string;
  };
  readonly closurePaths: readonly string[];
  readonly derivations: Readonly<Record<string, ShownDerivation>>;
  /** Attribute name → its nix-env entry. */
  readonly meta: Readonly<Record<string, MetaEntry>>;
  /** The derivation whose output is `outPath`. */
  readonly drvOf: (outPath: string) => string;
}

/**
 * Builds the package world with the real Nix (offline: fetchers write their pinned content) and
 * writes the three inputs `sbom`/`check` read, produced by the commands a user would run.
 */
export function buildPackageWorld(dir: string): PackageWorld {
  const env = { ...NIX_ENV, HOME: path.join(dir, "home") };
  mkdirSync(env.HOME, { recursive: true });
  const sh = (cmd: string, args: string[]): string =>
    execFileSync(cmd, args, {
      env,
      encoding: "utf8",
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 1 << 28,
    });
  const nixFile = (name: string): string => path.join(PACKAGE_WORLD_NIX, name);
  const system = sh("nix-build", ["--no-out-link", nixFile("system.nix")]).trim();
  const systemDrv = sh("nix-store", ["--query", "--deriver", system]).trim();
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const closureText = sh("nix", ["path-info", "--json", "-r", system]);
  const drvText = sh("nix", ["show-derivation", "-r", systemDrv]);
  const query = (variant: string): string =>
    sh("nix-env", [
      "-qa",
      "--json",
      "--meta",
      "--out-path",
      "-f",
      nixFile("default.nix"),
      "--argstr",
      "variant",
      variant,
    ]);
  const metaText = query("main");
  const files = {
    closure: write("closure.json", closureText),
    derivations: write("derivations.json", drvText),
    meta: write("meta.json", metaText),
    otherMeta: write("meta-other.json", query("other")),
  };
  const derivations = JSON.parse(drvText) as Record<string, ShownDerivation>;
  const byOutput = new Map<string, string>();
  for (const [drv, d] of Object.entries(derivations))
    for (const o of Object.values(d.outputs)) byOutput.set(o.path, drv);
  return {
    dir,
    env,
    sh,
    system,
    systemDrv,
    files,
    closurePaths: (JSON.parse(closureText) as Array<{ path: string }>).map((i) => i.path),
    derivations,
    meta: JSON.parse(metaText) as Record<string, MetaEntry>,
    drvOf: (outPath) => {
      const drv = byOutput.get(outPath);
      if (drv === undefined) throw new Error(`no derivation in the package world builds ${outPath}`);
      return drv;
    },
  };
}

// The pkgcore helper's instantiate-only world (domain/packages tests), written from a string.

/**
 * A package set in nixpkgs' shapes for the real Nix 2.8 to instantiate (not build: fixed outputs
 * need no download to have paths): mkDerivation-like env (pname, version, src, srcs, patches,
 * outputs), fetchurl with `urls`, `mirror://` and a `mirrorsFile`, SRI, nix32 and sha512 hashes,
 * flat and recursive, fetchgit with url and rev, a local source and a local patch, and meta with a
 * licence, a list of licences with an unfree one, no licence, a homepage and a CPE.
 */
export const WORLD_NIX = `
let
  system = "x86_64-linux";
  mirrorsFile = builtins.toFile "mirrors-list" "gnu='https://ftpmirror.gnu.org/ https://ftp.nluug.nl/pub/gnu/'\\n";
  fod = attrs: derivation ({ inherit system; builder = "/bin/sh"; args = [ "-c" "echo > $out" ]; } // attrs);
  fetchurl = { urls, name, hash ? null, sha256 ? null, recursive ? false }: fod ({ inherit name urls mirrorsFile; outputHashMode = if recursive then "recursive" else "flat"; }
    // (if hash != null then { outputHash = hash; } else { outputHash = sha256; outputHashAlgo = "sha256"; }));
  fetchgit = { url, rev, hash }: fod { name = "source"; inherit url rev; outputHash = hash; outputHashMode = "recursive"; };
  mk = attrs: derivation (removeAttrs attrs [ "meta" ] // { inherit system; builder = "/bin/sh"; args = [ "-c" "echo > $out" ]; name = "\${attrs.pname}-\${attrs.version}"; }) // { inherit (attrs) meta; };
in {
  hello = mk {
    pname = "hello"; version = "2.12.1"; outputs = [ "out" "dev" ];
    src = fetchurl { name = "hello-2.12.1.tar.gz"; urls = [ "mirror://gnu/hello/hello-2.12.1.tar.gz" ]; hash = "sha256-jZkUKv2SV28wsM18tCqNxoCZmLxdYH2Idh9RLibH2yA="; };
    patches = [ (fetchurl { name = "fix.patch"; urls = [ "https://github.com/gnu/hello/commit/0123abcd.patch" ]; sha256 = "0zry3bax9v4b4hijmyq7j1m7j9rlm0rj7g9l2kpz7i189cp7savh"; }) ./local.patch ];
    meta = { license = { spdxId = "GPL-3.0-or-later"; fullName = "GNU General Public License v3.0 or later"; free = true; }; homepage = "https://www.gnu.org/software/hello/"; identifiers.cpe = "cpe:2.3:a:gnu:hello:2.12.1:*:*:*:*:*:*:*"; };
  };
  nixsrc = mk { pname = "nix-tool"; version = "2.18.1"; src = fetchgit { url = "https://github.com/NixOS/nix.git"; rev = "refs/tags/2.18.1"; hash = "sha256-mOpuTyFvL7S2n/+bOkSELDhobKaF8/VdxIxdP7EQe+Q="; }; meta = {}; };
  pyreq = mk { pname = "python3.11-requests"; version = "2.31.0"; srcs = [ (fetchurl { name = "requests-2.31.0.tar.gz"; urls = [ "https://files.pythonhosted.org/packages/source/r/requests/requests-2.31.0.tar.gz" ]; hash = "sha512-IEqPxt2oLwoM7XvrjgikFlfBbvRosiioJ5vjMacDwzWW/RXBOxsH+aodO+pXeJygMa2Fx6cd1wNU7GMSOMo0RQ=="; }) ]; meta.license = [ { spdxId = "Apache-2.0"; } { shortName = "unfree"; fullName = "Unfree"; free = false; } ]; };
  mytool = mk { pname = "mytool"; version = "0.1"; src = ./src; meta = {}; };
}`;

/** Writes the world to a fresh directory; returns the .nix file. */
export function writeWorld(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "fa-pkgs-"));
  writeFileSync(path.join(dir, "local.patch"), "--- a/x\n+++ b/x\n");
  mkdirSync(path.join(dir, "src"));
  writeFileSync(path.join(dir, "src", "main.c"), "int main(void) { return 0; }\n");
  const file = path.join(dir, "world.nix");
  writeFileSync(file, WORLD_NIX);
  return file;
}
