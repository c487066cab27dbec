# The runtime system: refers to some outputs of the set (openssl's bin and out, not dev or man),
# so build-time-only derivations (fetchers, buildtool, patches) stay out of its closure.
{ system ? builtins.currentSystem }:
let pkgs = import ./default.nix { inherit system; };
in derivation {
  name = "pkgworld-system";
  inherit system;
  PATH = "/bin:/usr/bin";
  builder = "/bin/sh";
  paths = with pkgs; [ hello openssl.bin openssl.out requests ripgrep left-pad tool localapp mystery ];
  args = [ "-c" "mkdir -p $out; for p in $paths; do echo $p >> $out/paths; done" ];
}
