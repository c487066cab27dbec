# A small package set in nixpkgs' shapes, for `nix-env -qa --json --meta --out-path -f` and for the
# system in system.nix. `variant = "other"` is the same set from "another nixpkgs" (hello 2.12.2),
# whose meta must not be joined to this set's closure.
{ system ? builtins.currentSystem, variant ? "main" }:
let
  lib = import ./lib.nix { inherit system; };
  inherit (lib) mkDerivation fetchurl fetchFromGitHub fetchgit fetchpatch;
  licenses = {
    gpl3Plus = { spdxId = "GPL-3.0-or-later"; fullName = "GNU General Public License v3.0 or later"; free = true; };
    asl20 = { spdxId = "Apache-2.0"; fullName = "Apache License 2.0"; free = true; };
    mit = { spdxId = "MIT"; fullName = "MIT License"; free = true; };
    unlicense = { spdxId = "Unlicense"; fullName = "The Unlicense"; free = true; };
    zlib = { spdxId = "Zlib"; fullName = "zlib License"; free = true; };
    wtfpl = { spdxId = "WTFPL"; fullName = "Do What The F*ck You Want To Public License"; free = true; };
    bsd3 = { spdxId = "BSD-3-Clause"; fullName = "BSD 3-clause \"New\" or \"Revised\" License"; free = true; };
    unfree = { shortName = "unfree"; fullName = "Unfree"; free = false; deprecated = false; redistributable = false; };
  };
  helloVersion = if variant == "main" then "2.12.1" else "2.12.2";
in rec {
  # Build-time only: hello is built with it, nothing at runtime refers to it.
  buildtool = mkDerivation rec {
    pname = "buildtool";
    version = "3.29.0";
    src = fetchurl {
      url = "https://cmake.org/files/v3.29/cmake-${version}.tar.gz";
      hash = "sha256-S2AZkZweNM+bm+2McY0tWEu8To3riwNeSKZcdPi1E/0=";
      content = "cmake 3.29.0 source\n";
    };
    meta = { license = licenses.bsd3; homepage = "https://cmake.org/"; };
  };

  # mirror://gnu through mirrorsFile, nix32 sha256, a local patch, a build-time tool, a CPE.
  hello = mkDerivation rec {
    pname = "hello";
    version = helloVersion;
    src = fetchurl {
      url = "mirror://gnu/hello/hello-${version}.tar.gz";
      sha256 = if variant == "main" then "1x3gq464f7lj7al54x7d88ldnzhz89jqdlcryg6av8ap7588b26n" else "11z4z9ld6vca8pmq0ggxnr2kcgvv3l0idr0ih76agd7j7cm7nb9d";
      content = "hello ${version} source\n";
    };
    patches = [ ./patches/hello-nix-paths.patch ];
    nativeBuildInputs = [ buildtool ];
    meta = {
      description = "A program that produces a familiar, friendly greeting";
      homepage = "https://www.gnu.org/software/hello/";
      license = licenses.gpl3Plus;
      identifiers.cpe = "cpe:2.3:a:gnu:hello:${version}:*:*:*:*:*:*:*";
    };
  };

  zlib = mkDerivation rec {
    pname = "zlib";
    version = "1.3.1";
    outputs = [ "out" "dev" ];
    src = fetchurl {
      urls = [
        "https://github.com/madler/zlib/releases/download/v${version}/zlib-${version}.tar.gz"
        "https://www.zlib.net/fossils/zlib-${version}.tar.gz"
      ];
      hash = "sha256-54lw/8FOPXBd9cIsDhtTzod+vC4g+sfc8Zogno0wmuw=";
      content = "zlib 1.3.1 tarball\n";
    };
    meta = { license = licenses.zlib; homepage = "https://zlib.net"; };
  };

  # Multi-output, fetchFromGitHub (fetchzip, recursive SRI), a fetched and a local patch, a purl.
  openssl = mkDerivation rec {
    pname = "openssl";
    version = "3.0.14";
    outputs = [ "bin" "dev" "out" "man" ];
    src = fetchFromGitHub {
      owner = "openssl";
      repo = "openssl";
      rev = "openssl-${version}";
      hash = "sha256-5ylTVl7DnS/FzYvM0QtopCoHM+810rl2k9QUrwQj8XE=";
      files = { README = "openssl 3.0.14\n"; "Configure" = "#!/usr/bin/env perl\n"; };
    };
    patches = [
      (fetchpatch {
        name = "CVE-2024-5535.patch";
        url = "https://github.com/openssl/openssl/commit/cf6f91f6121f4db167405db2f0de410a456f260c.patch";
        hash = "sha256-JzsEWZ4JnNtyc5Yg1Fd7wCYihwZl9/rXvMgBiNuL6Ok=";
        content = "--- a/ssl/ssl_lib.c\n+++ b/ssl/ssl_lib.c\n@@ -1 +1 @@\n-old\n+new\n";
      })
      ./patches/openssl-use-etc-ssl.patch
    ];
    runtimeDeps = [ zlib ];
    meta = {
      homepage = "https://www.openssl.org/";
      license = licenses.asl20;
      identifiers = {
        cpe = "cpe:2.3:a:openssl:openssl:${version}:*:*:*:*:*:*:*";
        purl = "pkg:github/openssl/openssl@openssl-${version}";
      };
    };
  };

  # fetchPypi's mirror://pypi, hex sha256; name differs from pname (python3.11-requests).
  requests = mkDerivation rec {
    pname = "requests";
    version = "2.31.0";
    name = "python3.11-requests-${version}";
    src = fetchurl {
      url = "mirror://pypi/r/requests/requests-${version}.tar.gz";
      sha256 = "83d56146b2f76c1ccd2c661f1607a23a75c219cf003f619227f1da637c35fa79";
      content = "requests 2.31.0 sdist\n";
    };
    meta = { license = licenses.asl20; homepage = "https://requests.readthedocs.io"; };
  };

  # crates.io download, nix32 sha256, a licence list (dual licence).
  ripgrep = mkDerivation rec {
    pname = "ripgrep";
    version = "14.1.0";
    src = fetchurl {
      name = "ripgrep-${version}.tar.gz";
      url = "https://crates.io/api/v1/crates/ripgrep/${version}/download";
      sha256 = "0z5vgr7qhaszjvp4gzvix7mwqqsymi47w7wq43jgam1di5s7hjji";
      content = "ripgrep 14.1.0 crate\n";
    };
    meta = { license = with licenses; [ unlicense mit ]; homepage = "https://github.com/BurntSushi/ripgrep"; };
  };

  # The npm registry, SRI sha512.
  left-pad = mkDerivation rec {
    pname = "left-pad";
    version = "1.3.0";
    src = fetchurl {
      url = "https://registry.npmjs.org/left-pad/-/left-pad-${version}.tgz";
      hash = "sha512-caiD5dm6UGIzTDeHkUlZLAAPRPGk+l8DEwbs2b9oeYIh1nVCsSGBUlVS94KtEc9wlplA5BNmIDNruzvuZUpQWQ==";
      content = "left-pad 1.3.0 tarball\n";
    };
    meta = { license = licenses.wtfpl; };
  };

  # fetchgit of a GitHub repository at a commit; an unfree licence without spdxId.
  tool = mkDerivation {
    pname = "tool";
    version = "0.4.2";
    src = fetchgit {
      url = "https://github.com/acme/tool.git";
      rev = "4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b";
      sha256 = "0vz1pjkc5xipvyyyh4c70dxl5a21cgajryibcr6d4jfv414h0i30";
      files = { "main.go" = "package main\n"; };
    };
    meta = { license = licenses.unfree; description = "A proprietary tool"; };
  };

  # A local source (src = ./…); a licence known only by name.
  localapp = mkDerivation {
    pname = "localapp";
    version = "1.0";
    src = ./local-src;
    meta = { license = { fullName = "Acme Permissive Licence"; free = true; }; };
  };

  # Another host's download, `url` (singular); no meta.license at all.
  mystery = mkDerivation {
    pname = "mystery";
    version = "0.1";
    src = fetchurl {
      url = "https://downloads.example.net/mystery/mystery-0.1.tar.gz";
      sha256 = "0cc3g4yygn8hrgfx87y71wrpjkmn1jvl1wf7x11sw1l7c8vadb6p";
      content = "mystery 0.1\n";
    };
    meta = { description = "Nobody knows"; };
  };
}
