import type { Closure } from "../domain/closure/closure.js";
import type { Gap } from "../domain/report.js";
import type { ClosurePackages } from "../domain/sbom-packages.js";
import { InputError } from "./errors.js";
import { readPackages, type PackagesRead } from "./packages.js";
import type { Files, NixStore } from "./ports.js";
import type { ClosureSource } from "./read-closure.js";

/** --derivations FILE, --meta FILE, --buildtime, as sbom and check take them. */
export interface SbomPackagesRequest {
  readonly derivations?: string;
  readonly meta?: string;
  readonly buildTime: boolean;
}

export interface ClosurePackagesResult {
  readonly packages?: ClosurePackages;
  readonly read?: PackagesRead;
  readonly warnings: readonly string[];
  readonly gaps: readonly Gap[];
}

/**
 * The packages of a closure when there is something to identify them with: a derivations file, or
 * (for --closure-of) the installed nix. A nix that cannot show the derivations (a deriver garbage-
 * collected, a store without them) leaves the SBOM without packages and says so, as trace does.
 */
export async function closurePackages(
  closure: Closure,
  source: ClosureSource,
  req: SbomPackagesRequest | undefined,
  files: Files,
  nix: () => NixStore,
): Promise<ClosurePackagesResult | undefined> {
  const fromNix = "of" in source && req?.derivations === undefined;
  if (req?.derivations === undefined && !fromNix) return undefined;
  const request = {
    derivations: req?.derivations !== undefined ? { file: req.derivations } : ({ fromNix: true } as const),
    ...(req?.meta !== undefined ? { meta: req.meta } : {}),
    buildTime: req?.buildTime ?? false,
  };
  try {
    const read = await readPackages(closure, request, files, nix);
    return { packages: read.packages, read, warnings: read.warnings, gaps: read.gaps };
  } catch (e) {
    const origin = e instanceof InputError ? (e.issues[0]?.origin ?? "") : "";
    if (!fromNix || !/^nix (show-derivation|derivation show)/.test(origin)) throw e;
    const reason = `packages were not identified: the installed nix could not show the closure's derivations (${e instanceof InputError ? (e.issues[0]?.message ?? e.message) : ""}); pass --derivations`;
    return { warnings: [reason], gaps: [{ reason }] };
  }
}
