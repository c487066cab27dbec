import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

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
