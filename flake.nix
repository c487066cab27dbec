{
  description = "flake-audit: audit Nix flake.lock files (CycloneDX SBOMs, provenance, diffs, policy checks, store-path tracing)";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs =
    { self, nixpkgs }:
    let
      systems = [
        "x86_64-linux"
        "aarch64-linux"
        "x86_64-darwin"
        "aarch64-darwin"
      ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
      manifest = builtins.fromJSON (builtins.readFile ./package.json);
      # Node 22 LTS (supported upstream until 2027-04-30). nodejs_20 is marked insecure in the pinned
      # nixpkgs (NixOS/nixpkgs#511784); move to nodejs_24 when nixpkgs marks 22 insecure too.
      # The package, the checks and the dev shell all use this one Node.
      nodejsOf = pkgs: pkgs.nodejs_22;
      # buildNpmPackage arguments shared by the package and the test check.
      npmPackage = pkgs: {
        pname = manifest.name;
        inherit (manifest) version;
        src = ./.;
        nodejs = nodejsOf pkgs;
        # importNpmLock reads package-lock.json directly, so no npmDepsHash has to be kept in step.
        npmDeps = pkgs.importNpmLock { npmRoot = ./.; };
        npmConfigHook = pkgs.importNpmLock.npmConfigHook;
        # The only native dependency (libxmljs2) is a dev-time XML validator; neither the tool nor the tests load it.
        npmFlags = [ "--ignore-scripts" ];
        npmBuildScript = "build";
        meta = {
          description = manifest.description;
          homepage = "https://github.com/flake-audit/flake-audit";
          license = pkgs.lib.licenses.mit;
          mainProgram = "flake-audit";
        };
      };
    in
    {
      packages = forAllSystems (pkgs: {
        default = pkgs.buildNpmPackage (npmPackage pkgs);
      });

      apps = forAllSystems (pkgs: {
        default = {
          type = "app";
          program = "${self.packages.${pkgs.stdenv.hostPlatform.system}.default}/bin/flake-audit";
          meta.description = manifest.description;
        };
      });

      checks = forAllSystems (pkgs: {
        build = self.packages.${pkgs.stdenv.hostPlatform.system}.default;
        # The test suite, in the build sandbox: no network (tests use a stand-in GitHub on loopback) and
        # no nix (the nix integration tests and the npm install test skip with a message).
        tests = pkgs.buildNpmPackage (
          npmPackage pkgs
          // {
            pname = "${manifest.name}-tests";
            doCheck = true;
            nativeCheckInputs = [ pkgs.git ];
            checkPhase = ''
              runHook preCheck
              npx tsc -p tsconfig.json --noEmit
              npx vitest run
              runHook postCheck
            '';
            dontNpmInstall = true;
            installPhase = ''
              runHook preInstall
              touch $out
              runHook postInstall
            '';
          }
        );
      });

      formatter = forAllSystems (pkgs: pkgs.nixfmt);

      devShells = forAllSystems (pkgs: {
        default = pkgs.mkShell {
          packages = [
            (nodejsOf pkgs)
            pkgs.git
          ];
        };
      });
    };
}
