import type { DerivationSet } from "../domain/nix/derivation.js";

/**
 * The port between review impact (what a lock bump changes in the packages a flake builds) and
 * the nix evaluation that answers it. An implementation checks out the commit, evaluates each
 * installable (pure evaluation, no import-from-derivation, no flake nixConfig, no build, no
 * substitution, no token in nix's environment) and returns its derivation closure.
 */
export interface InstallableEvaluator {
  /** The derivation closures of `installables` (flake-relative, e.g. `.#packages.x86_64-linux.default`) at `rev`. */
  evaluate(request: EvaluationRequest): Promise<InstallableEvaluation[]>;
}

export interface EvaluationRequest {
  /** A directory inside the git repository whose commit is evaluated (the lock's directory). */
  readonly repoDir: string;
  /** A revision as the user wrote it (`main`, `HEAD~1`, a sha); validated by the implementation. */
  readonly rev: string;
  /** The flake's directory relative to the repository root ("" for the root). */
  readonly flakeDir: string;
  readonly installables: readonly string[];
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Progress lines for a terminal ("evaluating web at base…"); never the result. */
  readonly progress?: (message: string) => void;
}

/** One installable at one commit: its derivation closure, or why there is none (nix's error, bounded). */
export type InstallableEvaluation =
  | {
      readonly installable: string;
      readonly ok: true;
      /** The installable's own .drv paths (the roots of the closure). */
      readonly roots: readonly string[];
      readonly derivations: DerivationSet;
    }
  | { readonly installable: string; readonly ok: false; readonly error: string };
