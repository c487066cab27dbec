/** flake-audit as a library: parse locks, build inventories, compute store paths, render SBOMs. */
export { parseFlakeLock } from "./ingest/flake-lock.js";
export type { InputIssue } from "./ingest/issues.js";
export { buildInventory, type LockedInput, type LockInventory } from "./domain/inventory.js";
export { indexLock, type LockIndex } from "./domain/lock-index.js";
export { resolveInputPath, type LockGraph, type InputNode, type InputRef, type NodeKey } from "./domain/lock-graph.js";
export { formatInputPath, compareInputPaths, type InputPath } from "./domain/input-path.js";
export { pinningOf, isRelativePath, type SourceRef, type Pinning } from "./domain/source-ref.js";
export { toFlakeUrl } from "./domain/flake-ref.js";
export { identify } from "./domain/source-identity.js";
export * from "./domain/hash.js";
export { sourceStorePath, makeStorePath, parseStorePath, formatStorePath, type StorePath } from "./domain/store-path.js";
export { renderCycloneDx, SPEC_VERSIONS, type SpecVersion, type BomFormat } from "./render/cyclonedx/serialize.js";
export type { SbomModel } from "./domain/reports.js";
export { run } from "./cli/run.js";
