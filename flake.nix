{
  description = "flake-audit: audit Nix flake.lock files (CycloneDX SBOMs, provenance, diffs, policy checks, store-path tracing)";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs = { self, nixpkgs }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
      manifest = builtins.fromJSON (builtins.readFile ./package.json);
    in
    {
      packages = forAllSystems (pkgs: {
        default = pkgs.buildNpmPackage {
          pname = manifest.name;
          inherit (manifest) version;
          src = ./.;
          nodejs = pkgs.nodejs_20;
          # importNpmLock reads package-lock.json directly, so no npmDepsHash has to be kept in step.
          npmDeps = pkgs.importNpmLock { npmRoot = ./.; };
          npmConfigHook = pkgs.importNpmLock.npmConfigHook;
          # The only native dependency (libxmljs2) is a test-time XML validator; the tool does not need it.
          npmFlags = [ "--ignore-scripts" ];
          npmBuildScript = "build";
          meta = {
            description = manifest.description;
            license = pkgs.lib.licenses.mit;
            mainProgram = "flake-audit";
          };
        };
      });

      apps = forAllSystems (pkgs: {
        default = {
          type = "app";
          program = "${self.packages.${pkgs.stdenv.hostPlatform.system}.default}/bin/flake-audit";
        };
      });

      devShells = forAllSystems (pkgs: {
        default = pkgs.mkShell { packages = [ pkgs.nodejs_20 ]; };
      });
    };
}
