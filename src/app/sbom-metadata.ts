import type { LockInventory } from "../domain/lock/inventory.js";
import type { Gap } from "../domain/report.js";
import type { FlakeVersion, SbomMetadata } from "../domain/sbom-metadata.js";
import { isoDate } from "../domain/time.js";
import type { Revisions } from "./ports.js";
import { isStdin } from "./stdin.js";

/** The minimum elements as given (flags over the configuration file), before defaults. */
export type GivenMetadata = Partial<SbomMetadata>;

/** The newest lastModified of the lock's inputs, as a date: what the lock says of when it was made. */
function newestLastModified(inventory: LockInventory | undefined): string | undefined {
  let newest: number | undefined;
  for (const input of inventory?.inputs ?? []) {
    const t = input.locked.lastModified;
    if (t !== undefined && (newest === undefined || t > newest)) newest = t;
  }
  return newest !== undefined ? isoDate(newest) : undefined;
}

/**
 * The flake's version when none is given: `git describe` of the repository the lock is committed in,
 * else the lock's newest lastModified date. A lock read from stdin has no repository.
 */
async function defaultVersion(
  lockPath: string | undefined,
  inventory: LockInventory | undefined,
  revisions: Revisions | undefined,
): Promise<FlakeVersion | undefined> {
  if (lockPath !== undefined && !isStdin(lockPath) && revisions !== undefined) {
    const described = await revisions.describe(lockPath);
    if (described !== undefined) return { version: described, source: "git" };
  }
  const date = newestLastModified(inventory);
  return date !== undefined ? { version: date, source: "last-modified" } : undefined;
}

/**
 * `revisions` with the lock's describe asked now, for a run whose version will come from git: git's
 * processes then run while the rest of the run goes on, and asking for the lock again gets this
 * answer. A lock read from stdin has no repository to ask.
 */
export function askingEarly(revisions: Revisions, lockPath: string): Revisions {
  if (isStdin(lockPath)) return revisions;
  const early = revisions.describe(lockPath);
  // Awaited later (or never, when reading the lock fails first): a rejection must not go unhandled meanwhile.
  early.catch(() => {});
  return { describe: (file) => (file === lockPath ? early : revisions.describe(file)) };
}

const UNKNOWN_VERSION =
  "the flake's version is unknown (no git repository holds the lock and no input has a lastModified date): give it with --flake-version";

/** The minimum elements with their defaults: the flake's version, and the lifecycle phase of what was read. */
export async function sbomMetadata(
  given: GivenMetadata | undefined,
  read: { lockPath?: string; inventory?: LockInventory; closure: boolean },
  revisions: Revisions | undefined,
  out: { warnings: string[]; gaps: Gap[] },
): Promise<SbomMetadata> {
  const flakeVersion = given?.flakeVersion ?? (await defaultVersion(read.lockPath, read.inventory, revisions));
  if (flakeVersion === undefined) {
    out.warnings.push(UNKNOWN_VERSION);
    out.gaps.push({ reason: UNKNOWN_VERSION });
  }
  return {
    ...given,
    authors: given?.authors ?? [],
    // A lock is what a build will fetch (pre-build); a closure is what a build made (post-build).
    lifecycle: given?.lifecycle ?? (read.closure ? "post-build" : "pre-build"),
    ...(flakeVersion !== undefined ? { flakeVersion } : {}),
  };
}
