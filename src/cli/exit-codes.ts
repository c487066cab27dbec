import { InputError, OutputError, UpstreamAuthError, UsageError } from "../app/errors.js";
import { atOrAbove } from "./commands/fail-on.js";
import type { Outcome } from "./outcome.js";

/** The documented exit codes; README carries the same table. Decided only by `exitCodeOf` below. */
export const ExitCode = {
  Ok: 0,
  Findings: 1,
  Usage: 2,
  InvalidInput: 3,
  UpstreamIncomplete: 4,
  Internal: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The codes of a command that gates on --fail-on and may ask GitHub or nix (check, diff, resolve, …). */
export const GATE_EXIT_CODES: readonly ExitCode[] = [
  ExitCode.Ok,
  ExitCode.Findings,
  ExitCode.Usage,
  ExitCode.InvalidInput,
  ExitCode.UpstreamIncomplete,
  ExitCode.Internal,
];

/** The codes of a command that reports without findings but may ask GitHub or nix (sbom, trace). */
export const REPORT_EXIT_CODES: readonly ExitCode[] = GATE_EXIT_CODES.filter((c) => c !== ExitCode.Findings);

/** What each code means, in help texts. */
export const EXIT_CODE_MEANINGS: Readonly<Record<ExitCode, string>> = {
  0: "ok",
  1: "findings at or above --fail-on",
  2: "usage error, or the output could not be written",
  3: "invalid input",
  4: "upstream data incomplete (never with --offline or --lock-only)",
  70: "internal error (a bug)",
};

/** When several things went wrong, the most serious one names the run: 70 > 2 > 3 > 1 > 4 > 0. */
const PRECEDENCE: readonly ExitCode[] = [
  ExitCode.Internal,
  ExitCode.Usage,
  ExitCode.InvalidInput,
  ExitCode.Findings,
  ExitCode.UpstreamIncomplete,
  ExitCode.Ok,
];

/** yargs reports its own parse failures as a plain Error named YError. */
const isYargsError = (e: unknown): boolean => e instanceof Error && e.name === "YError";

export function exitCodeOfError(e: unknown): ExitCode {
  if (e instanceof UpstreamAuthError || e instanceof UsageError || e instanceof OutputError || isYargsError(e))
    return ExitCode.Usage;
  if (e instanceof InputError) return ExitCode.InvalidInput;
  return ExitCode.Internal;
}

export function exitCodeOfOutcome(o: Outcome): ExitCode {
  if (atOrAbove(o.severities, o.failOn)) return ExitCode.Findings;
  return o.incomplete && o.upstream === "online" ? ExitCode.UpstreamIncomplete : ExitCode.Ok;
}

/** How a run ended: the command's outcome when it got that far, and every error thrown on the way. */
export interface Ending {
  readonly outcome?: Outcome;
  readonly errors: readonly unknown[];
}

/** The one decision of the exit code. */
export function exitCodeOf(ending: Ending): ExitCode {
  const codes = new Set<ExitCode>(ending.errors.map(exitCodeOfError));
  if (ending.outcome !== undefined) codes.add(exitCodeOfOutcome(ending.outcome));
  return PRECEDENCE.find((c) => codes.has(c)) ?? ExitCode.Ok;
}

/** The "Exit codes:" paragraph of a command's help: only the codes it can return. */
export const exitCodesHelp = (codes: readonly ExitCode[]): string =>
  `Exit codes:\n${codes.map((c) => `  ${String(c).padStart(2)}  ${EXIT_CODE_MEANINGS[c]}`).join("\n")}`;
