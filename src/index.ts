/** flake-audit as a library: parse locks, build inventories, compute store paths, render SBOMs. */
export { parseFlakeLock } from "./ingest/lock/flake-lock.js";
export type { InputIssue } from "./ingest/issues.js";
export { buildInventory, type LockedInput, type LockInventory } from "./domain/lock/inventory.js";
export { indexLock, type LockIndex } from "./domain/lock/input-index.js";
export type { LockGraph, InputNode, InputRef, NodeKey } from "./domain/lock/graph.js";
export { resolveInputPath } from "./domain/lock/follows.js";
export { formatInputPath, compareInputPaths, type InputPath } from "./domain/lock/input-path.js";
export { pinningOf, isRelativePath, type SourceRef, type Pinning } from "./domain/lock/source-ref.js";
export { toFlakeUrl } from "./domain/lock/flake-url.js";
export { nameSource, type SourceIdentity } from "./domain/lock/source-name.js";
export * from "./domain/nix/hash.js";
export {
  sourceStorePath,
  makeStorePath,
  parseStorePath,
  formatStorePath,
  type StorePath,
} from "./domain/nix/store-path.js";
export { renderCycloneDx, SPEC_VERSIONS, type SpecVersion, type BomFormat } from "./render/sbom/serialize.js";
export type { SbomModel } from "./domain/sbom-model.js";
export { run } from "./cli/run.js";
export { parsePathInfo, detectPathInfoShape } from "./ingest/closure/path-info.js";
export { parseDerivations } from "./ingest/closure/derivation.js";
export { closureRoots, referenceChain, type Closure, type PathInfo } from "./domain/closure/closure.js";
export { traceStorePath, type TraceResult } from "./domain/closure/trace.js";
export { parseStoreName } from "./domain/nix/store-name.js";
export { diffLocks, type LockDiff, type InputChange } from "./domain/diff/lock-diff.js";
export { diffClosures, type ClosureDiff } from "./domain/diff/closure-diff.js";
export { classifyVersionChange } from "./domain/diff/version-move.js";
export { evaluatePolicy, type CheckFinding } from "./domain/policy/evaluate.js";
export { parsePolicy } from "./ingest/policy/policy.js";
export { BUILT_IN_POLICY, type Policy } from "./domain/policy/policy.js";
export { RULES, type Finding, type Severity } from "./domain/findings.js";
export { githubTarget, provenanceTargets, type GithubTarget } from "./domain/provenance/upstream-facts.js";
export { renderSarif } from "./render/check/sarif.js";
export { parseFleetFile } from "./ingest/fleet/fleet-file.js";
export { pathFingerprint, contentAddressMatches } from "./domain/fleet/fingerprint.js";
export { signatureChecker, type PathVerdict, type VerifySignature } from "./domain/fleet/signatures.js";
export { parseTrustedKey, type TrustedKey } from "./domain/fleet/trusted-key.js";
export type { FleetReport, HostEntry } from "./domain/fleet/report.js";
export { FLEET_FINDINGS, type FleetFinding } from "./domain/fleet/findings.js";
