/**
 * Property names of package components. `nix:fod:*` is the registered CycloneDX taxonomy for a
 * fixed-output derivation (nixpkgs doc/interoperability/cyclonedx.md); it has no name for a
 * derivation path other than `nix:narinfo:deriver`, which package components carry (there is no
 * registered `nix:drv_path`). What the taxonomy does not name lives under `flake-audit:`.
 */
export const FodProperty = {
  method: "nix:fod:method",
  name: "nix:fod:name",
  ref: "nix:fod:ref",
  rev: "nix:fod:rev",
  sha256: "nix:fod:sha256",
  url: "nix:fod:url",
} as const;

export const PackageProperty = {
  /** Why a package has no licence: none declared in meta, or no meta for it. */
  licenseStatus: "flake-audit:license_status",
  /** `<n> <store path>[ <alg>:<hex>]` per patch, in the order the derivation applies them. */
  patch: "flake-audit:patch",
  /** A source hash that is not SHA-256 (nix:fod:sha256 takes only that one), in SRI form. */
  sourceHash: "flake-audit:source_hash",
  /** What a source is: fetched (a fixed-output derivation), local (`src = ./…`), built, unknown. */
  sourceKind: "flake-audit:source_kind",
  /** A build-time-only source added with --buildtime. */
  buildTimeOnly: "flake-audit:build_time_only",
} as const;
