import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NIX_ENV } from "./nix.js";

/**
 * A nixpkgs-shaped package set at two revisions (`rev = "old"` / `"new"`), for the real Nix 2.8 to
 * instantiate (never build): what a lock bump of nixpkgs does to the packages an installable uses.
 * From old to new: openssl 3.0.14 → 3.0.15 with a fetched CVE patch added; curl rebuilds at the
 * same version because openssl changed; hello rebuilds because a local patch was added; jq goes
 * back 1.7.1 → 1.6; oldtool is removed and newtool added; libfoo's licence moves from MIT to an
 * unfree one. `web` depends on all of them; `tools` only on jq and zlib.
 */
export const IMPACT_WORLD_NIX = `
{ rev ? "old" }:
let
  new = rev == "new";
  system = "x86_64-linux";
  fod = attrs: derivation ({ inherit system; builder = "/bin/sh"; args = [ "-c" "echo > $out" ]; } // attrs);
  fetchurl = { url, name, hash }: fod { inherit name hash; urls = [ url ]; outputHashMode = "flat"; outputHash = hash; };
  mk = attrs: derivation (removeAttrs attrs [ "meta" ] // { inherit system; builder = "/bin/sh"; args = [ "-c" "echo > $out" ]; name = "\${attrs.pname}-\${attrs.version}"; }) // { meta = attrs.meta or {}; };
  lic = { mit = { spdxId = "MIT"; fullName = "MIT License"; free = true; }; asl = { spdxId = "Apache-2.0"; free = true; }; bsl = { shortName = "bsl11"; fullName = "Business Source License 1.1"; free = false; }; };
  zlib = mk { pname = "zlib"; version = "1.3.1"; src = fetchurl { name = "zlib-1.3.1.tar.gz"; url = "https://zlib.net/zlib-1.3.1.tar.gz"; hash = "sha256-mpOyt9/ax3zrpaVYpYDnRmfdb+3kWFuR7vtg8Dty3yM="; }; meta.license = lic.mit; };
  openssl = if new
    then mk { pname = "openssl"; version = "3.0.15"; buildInputs = [ zlib ]; src = fetchurl { name = "openssl-3.0.15.tar.gz"; url = "https://www.openssl.org/source/openssl-3.0.15.tar.gz"; hash = "sha256-I8Zm0O3/3bZ3ADSc0AaOVDN+MgQxJLx0ikwh7ZcIFvo="; }; patches = [ (fetchurl { name = "CVE-2024-9143.patch"; url = "https://github.com/openssl/openssl/commit/72ae83ad214d2eef262461365a1975707f862712.patch"; hash = "sha256-FE0jFJ7L4SXWB3zRq/GLG/rVAYy2kSCI56c2iYX1BKA="; }) ]; meta.license = lic.asl; }
    else mk { pname = "openssl"; version = "3.0.14"; buildInputs = [ zlib ]; src = fetchurl { name = "openssl-3.0.14.tar.gz"; url = "https://www.openssl.org/source/openssl-3.0.14.tar.gz"; hash = "sha256-7soDXU3U6E/CWEbZUtpil0hK+gZQpvhMaC453zpBI8o="; }; meta.license = lic.asl; };
  curl = mk { pname = "curl"; version = "8.9.1"; buildInputs = [ openssl zlib ]; src = fetchurl { name = "curl-8.9.1.tar.xz"; url = "https://curl.se/download/curl-8.9.1.tar.xz"; hash = "sha256-9GGaHiR0xLv+3IinwhkSCcgzS0j6H05T/VhMwS6RIN0="; }; meta.license = lic.mit; };
  hello = mk ({ pname = "hello"; version = "2.12.1"; src = fetchurl { name = "hello-2.12.1.tar.gz"; url = "mirror://gnu/hello/hello-2.12.1.tar.gz"; hash = "sha256-jZkUKv2SV28wsM18tCqNxoCZmLxdYH2Idh9RLibH2yA="; }; meta.license = lic.mit; }
    // (if new then { patches = [ ./fix-greeting.patch ]; } else {}));
  jq = if new
    then mk { pname = "jq"; version = "1.6"; src = fetchurl { name = "jq-1.6.tar.gz"; url = "https://github.com/jqlang/jq/releases/download/jq-1.6/jq-1.6.tar.gz"; hash = "sha256-XejI4pqqP7nMa0e7JymfJxNU67clFOOsytx9OLW7qnI="; }; meta.license = lic.mit; }
    else mk { pname = "jq"; version = "1.7.1"; src = fetchurl { name = "jq-1.7.1.tar.gz"; url = "https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-1.7.1.tar.gz"; hash = "sha256-R4ycoSn9LjRD/icxS0VeIR4NjGC8j/ffcDhz3u7lgMI="; }; meta.license = lic.mit; };
  libfoo = mk { pname = "libfoo"; version = "2.0"; src = fetchurl { name = "libfoo-2.0.tar.gz"; url = "https://example.org/libfoo-2.0.tar.gz"; hash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; }; meta.license = if new then lic.bsl else lic.mit; };
  oldtool = mk { pname = "oldtool"; version = "0.9"; meta.license = lic.mit; };
  newtool = mk { pname = "newtool"; version = "1.0"; meta.license = lic.mit; };
  web = mk { pname = "web"; version = "1"; deps = [ openssl curl hello jq libfoo zlib ] ++ (if new then [ newtool ] else [ oldtool ]); };
  tools = mk { pname = "tools"; version = "1"; deps = [ jq zlib ]; };
in { inherit zlib openssl curl hello jq libfoo oldtool newtool web tools; }
`;

export interface ImpactWorldSide {
  /** `nix show-derivation -r` of each root, by attribute (`web`, `tools`). */
  readonly derivations: Readonly<Record<string, string>>;
  /** The root .drv of each attribute. */
  readonly roots: Readonly<Record<string, string>>;
  /** `nix-env -qa --json --meta --out-path` of the set. */
  readonly meta: string;
}

export interface ImpactWorld {
  readonly dir: string;
  readonly old: ImpactWorldSide;
  readonly new: ImpactWorldSide;
  /** Writes a side's files into the directory; returns their paths. */
  readonly files: { readonly metaOld: string; readonly metaNew: string };
}

/** Instantiates both revisions of the set with the real nix; `attrs` are the roots asked for. */
export function buildImpactWorld(attrs: readonly string[] = ["web", "tools"]): ImpactWorld {
  const dir = mkdtempSync(path.join(tmpdir(), "fa-impact-"));
  const env = { ...NIX_ENV, HOME: path.join(dir, "home") };
  mkdirSync(env.HOME, { recursive: true });
  writeFileSync(path.join(dir, "fix-greeting.patch"), "--- a/hello.c\n+++ b/hello.c\n");
  const file = path.join(dir, "world.nix");
  writeFileSync(file, IMPACT_WORLD_NIX);
  const sh = (cmd: string, args: string[]): string =>
    execFileSync(cmd, args, { env, cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28 });
  const side = (rev: string): ImpactWorldSide => {
    const derivations: Record<string, string> = {};
    const roots: Record<string, string> = {};
    for (const a of attrs) {
      const drv = sh("nix-instantiate", [file, "-A", a, "--argstr", "rev", rev]).trim();
      roots[a] = drv;
      derivations[a] = sh("nix", ["show-derivation", "-r", drv]);
    }
    const meta = sh("nix-env", ["-qa", "--json", "--meta", "--out-path", "-f", file, "--argstr", "rev", rev]);
    return { derivations, roots, meta };
  };
  const [o, n] = [side("old"), side("new")];
  const metaOld = path.join(dir, "meta-old.json");
  const metaNew = path.join(dir, "meta-new.json");
  writeFileSync(metaOld, o.meta);
  writeFileSync(metaNew, n.meta);
  return { dir, old: o, new: n, files: { metaOld, metaNew } };
}
