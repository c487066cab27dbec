import type { Package } from "../domain/packages/index.js";
import type { Gap, SubjectFile } from "../domain/report.js";
import type { SbomPackagesRequest } from "./closure-packages.js";
import { InternalError } from "./errors.js";
import type { Files, NixStore } from "./ports.js";
import type { ClosureSource } from "./read-closure.js";

export const noNix = (): NixStore => {
  throw new InternalError("no nix adapter was wired");
};

// Package-join warnings that leave licences unchecked: gaps of check. Unresolved mirrors and paths
// without a deriver (sources, not packages) do not change what check can say.
const UNCHECKED = new Set(["no-meta", "deriver-not-in-derivations", "meta-matches-nothing", "other-store-dir"]);

export interface CheckedPackages {
  readonly packages: readonly Package[];
  readonly gaps: readonly Gap[];
  /** The closure file that was read (none for --closure-of: nix answered). */
  readonly closureFile?: SubjectFile;
}

/**
 * The closure's packages for check's licence rules, and what could not be checked: packages with
 * no meta (their licence is unknown, never "none"), derivers the derivations lack, no --meta.
 */
export async function checkPackages(
  req: { readonly closure?: ClosureSource; readonly packages?: SbomPackagesRequest },
  files: Files,
  nix: () => NixStore,
): Promise<CheckedPackages> {
  if (req.closure === undefined) return { packages: [], gaps: [] };
  // Loaded only for a closure: they bring zod (the meta parser), which a lock-only check never needs.
  const { readClosure } = await import("./read-closure.js");
  const { closurePackages } = await import("./closure-packages.js");
  const closure = await readClosure(req.closure, files, nix);
  const closureFile =
    closure.file !== undefined ? { path: closure.file.displayPath, sha256: closure.file.sha256 } : undefined;
  const withFile = (r: Omit<CheckedPackages, "closureFile">): CheckedPackages =>
    closureFile !== undefined ? { ...r, closureFile } : r;
  const result = await closurePackages(closure.closure, req.closure, req.packages, files, nix);
  if (result === undefined)
    return withFile({
      packages: [],
      gaps: [
        {
          reason: "the closure's packages were not identified, so their licences were not checked: pass --derivations",
        },
      ],
    });
  const read = result.read;
  if (read === undefined) return withFile({ packages: [], gaps: result.gaps });
  // read.warnings starts with one line per report warning, in the same order.
  const gaps: Gap[] = read.report.warnings.flatMap((w, i) =>
    UNCHECKED.has(w.kind) && read.warnings[i] !== undefined ? [{ reason: read.warnings[i] }] : [],
  );
  if (req.packages?.meta === undefined)
    gaps.push({
      reason: `the licences of ${read.report.counts.packages} packages were not checked: pass --meta (nix-env -qa --json --meta --out-path)`,
    });
  return withFile({ packages: read.report.packages, gaps });
}
