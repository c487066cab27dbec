/**
 * Every property name flake-audit writes, declared once. `nix:` names come from the registered
 * CycloneDX taxonomy (nixpkgs doc/interoperability/cyclonedx.md); lock facts that have no
 * registered name live in our own `flake-audit:` namespace.
 */
export const NixProperty = {
  storePath: "nix:store_path",
  narHash: "nix:narinfo:nar_hash",
  narSize: "nix:narinfo:nar_size",
  deriver: "nix:narinfo:deriver",
  ca: "nix:narinfo:ca",
  sig: "nix:narinfo:sig",
  references: "nix:narinfo:references",
} as const;

export const FlakeAuditProperty = {
  inputPath: "flake-audit:input_path",
  inputType: "flake-audit:input_type",
  original: "flake-audit:original",
  locked: "flake-audit:locked",
  ref: "flake-audit:ref",
  rev: "flake-audit:rev",
  lastModified: "flake-audit:last_modified",
  revCount: "flake-audit:rev_count",
  /** `false` when every input path uses the source with `flake = false`, `mixed` when only some do. */
  flake: "flake-audit:flake",
  /** With `flake` = `mixed`: one per input path that uses the source with `flake = false`. */
  nonFlakeInputPath: "flake-audit:non_flake_input_path",
  dir: "flake-audit:dir",
  pinning: "flake-audit:pinning",
  hashMeaning: "flake-audit:hash_meaning",
  storePathNote: "flake-audit:store_path_note",
  /** A relative path input: the input path of the input whose source holds it, `(root)` for the flake. */
  relativeTo: "flake-audit:relative_to",
  /** A path input without a narHash: why its purl names it without a version or checksum. */
  purlNote: "flake-audit:purl_note",
  pathsTruncated: "flake-audit:input_paths_truncated",
  lockVersion: "flake-audit:lock_version",
  lockSha256: "flake-audit:lock_sha256",
  reproducible: "flake-audit:reproducible",
  buildTime: "flake-audit:build_time",
  output: "flake-audit:output",
  placeholder: "flake-audit:placeholder",
  closureSource: "flake-audit:closure_source",
  upstreamStatus: "flake-audit:upstream_status",
  upstreamRepository: "flake-audit:upstream_repository",
  upstreamRenamedFrom: "flake-audit:upstream_renamed_from",
  upstreamArchived: "flake-audit:upstream_archived",
  upstreamFork: "flake-audit:upstream_fork",
  upstreamParent: "flake-audit:upstream_parent",
  upstreamSignature: "flake-audit:upstream_signature",
  upstreamOnRef: "flake-audit:upstream_on_ref",
  upstreamRefStatus: "flake-audit:upstream_ref_status",
  upstreamCommitted: "flake-audit:upstream_committed",
  /** Where the flake's version came from: `option`, `git` (git describe) or `last-modified`. */
  flakeVersionSource: "flake-audit:flake_version_source",
  /** 1.4 only, which has no security-contact reference type. */
  vulnerabilityContact: "flake-audit:vulnerability_contact",
  /** 1.4 only, which has no metadata.lifecycles. */
  lifecycle: "flake-audit:lifecycle",
  /** Why an input has no supplier: the lock names no publisher for it. */
  supplierStatus: "flake-audit:supplier_status",
  /** Where the component's licence came from: `file:LICENSE` (one per file), `github`, `meta`. */
  licenseSource: "flake-audit:license_source",
  /** `unknown: why` when no licence is known; `disputed: …` when declared and found disagree. */
  licenseStatus: "flake-audit:license_status",
  /** Every answer: `github: MIT`, `file:COPYING: GPL-3.0-only (0.998)`, `file:NOTICE: unknown`. */
  licenseEvidence: "flake-audit:license_evidence",
  /** A licence file left unread and why (a link out of the source, a FIFO, too large). */
  licenseFileSkipped: "flake-audit:license_file_skipped",
  /** Something the SBOM could not learn, once per cause (as check's gaps). */
  gap: "flake-audit:gap",
  /** The local store licence files were read from. */
  licenceStore: "flake-audit:license_store",
} as const;

export const HASH_MEANING =
  "SHA-256 of the NAR serialisation of the unpacked source (Nix narHash), not of a downloaded archive";
