# nixpkgs' shapes without nixpkgs: fetchurl, fetchzip/fetchFromGitHub, fetchgit and fetchpatch as
# fixed-output derivations with the attributes nixpkgs gives them (urls, mirrorsFile, outputHash in
# SRI, nix32 or hex form), and a mkDerivation with pname/version/src/patches/outputs/meta.
# Offline: a fetcher's builder writes the content its URL would serve (`content`, or a directory of
# `files` for recursive hashes), so the output matches the pinned hash and nothing is downloaded.
{ system ? builtins.currentSystem }:
let
  sh = "/bin/sh";
  PATH = "/bin:/usr/bin";
  # Like nixpkgs' build-support/fetchurl/mirrors.nix: each mirror is a list the derivation joins.
  mirrorsFile = derivation {
    name = "mirrors-list";
    inherit system PATH;
    builder = sh;
    args = [ "-c" "set | grep -E '^[a-zA-Z]+=.*://' > $out" ];
    gnu = [ "https://ftpmirror.gnu.org/" "https://ftp.gnu.org/pub/gnu/" ];
    pypi = [ "https://files.pythonhosted.org/packages/source/" ];
    preferLocalBuild = true;
  };
  # nixpkgs: SRI `hash` leaves outputHashAlgo out; `sha256`/`sha512` (nix32 or hex) name it.
  hashAttrs = { hash ? "", sha256 ? "", sha512 ? "" }:
    if hash != "" then { outputHash = hash; }
    else if sha512 != "" then { outputHashAlgo = "sha512"; outputHash = sha512; }
    else { outputHashAlgo = "sha256"; outputHash = sha256; };
  writeFiles = files: builtins.concatStringsSep "\n" (
    [ "mkdir -p $out" ] ++ map (f: "printf %s '${files.${f}}' > $out/${f}") (builtins.attrNames files));
in rec {
  inherit mirrorsFile;

  fetchurl = { url ? null, urls ? [ url ], name ? baseNameOf (builtins.head urls), hash ? "", sha256 ? ""
             , sha512 ? "", content ? null, files ? null, recursiveHash ? false, postFetch ? "" }:
    derivation ({
      inherit name system PATH urls mirrorsFile postFetch;
      builder = sh;
      args = [ "-c" (if files != null then writeFiles files else "printf %s \"$content\" > $out") ];
      outputHashMode = if recursiveHash then "recursive" else "flat";
      showURLs = false;
      preferLocalBuild = true;
    } // (if content != null then { inherit content; } else { })
      // hashAttrs { inherit hash sha256 sha512; });

  # fetchzip: fetchurl of an archive, unpacked, with a recursive hash; named "source" like nixpkgs'.
  fetchzip = { url, files, hash ? "", sha256 ? "", name ? "source" }:
    fetchurl { inherit name files hash sha256; urls = [ url ]; recursiveHash = true;
               postFetch = "unpackFile $downloadedFile"; };

  fetchFromGitHub = { owner, repo, rev, files, hash ? "", sha256 ? "" }:
    fetchzip { inherit files hash sha256; url = "https://github.com/${owner}/${repo}/archive/${rev}.tar.gz"; };

  fetchgit = { url, rev, files, hash ? "", sha256 ? "", name ? "source" }:
    derivation ({
      inherit name system PATH url rev;
      builder = sh;
      args = [ "-c" (writeFiles files) ];
      leaveDotGit = false;
      fetchSubmodules = true;
      deepClone = false;
      outputHashMode = "recursive";
    } // hashAttrs { inherit hash sha256; });

  fetchpatch = { url, content, hash ? "", sha256 ? "", name ? baseNameOf url }:
    fetchurl { inherit url content hash sha256 name; postFetch = "lsdiff --strip=1 \"$out\""; };

  # mkDerivation: `meta` stays out of the build (as nixpkgs' does) and sits on the result, where
  # `nix-env -qa --meta` reads it. The builder reads src/srcs/patches and makes every output.
  mkDerivation = { pname, version, meta ? { }, outputs ? [ "out" ], runtimeDeps ? [ ], ... }@args:
    let
      env = builtins.removeAttrs args [ "meta" ] // {
        name = args.name or "${pname}-${version}";
        inherit system PATH outputs runtimeDeps;
        builder = sh;
        args = [ ./builder.sh ];
      };
    in derivation env // { inherit meta; };
}
