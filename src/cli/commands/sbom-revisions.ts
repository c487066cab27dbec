import type { Revisions } from "../../app/ports.js";
import { askingEarly } from "../../app/sbom-metadata.js";

/**
 * The lock's repository's `git describe`, asked as soon as the lock is known when the flake's
 * version will come from git (no --flake-version, and no --config, whose `sbom:` section may give
 * one): git's processes then run while the command's own code loads and the lock is read, instead
 * of after (the use case would ask only once its code is loaded).
 */
export async function revisionsFor(
  args: { readonly flakeVersion?: string | undefined; readonly config?: string | undefined },
  lockPath: string | undefined,
  cwd: string,
): Promise<Revisions> {
  const { gitRevisions } = await import("../../adapters/git-revision.js");
  const revisions = gitRevisions(cwd);
  if (args.flakeVersion !== undefined || args.config !== undefined || lockPath === undefined) return revisions;
  return askingEarly(revisions, lockPath);
}
