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

/** What each code means, in help texts; a command words its own 4 (`IncompleteMeaning`). */
export const EXIT_CODE_MEANINGS: Readonly<Record<ExitCode, string>> = {
  0: "ok",
  1: "findings at or above --fail-on",
  2: "usage error, or the output could not be written",
  3: "invalid input",
  4: "upstream data incomplete: GitHub, nix or a host could not answer (COMMAND --help says when)",
  70: "internal error (a bug)",
};

/** What exit 4 means for one command: what could not answer, and when it can happen at all. */
export interface IncompleteMeaning {
  readonly what: string;
  readonly only?: string;
  /** When the flags that rule 4 out do so only for part of `what`: that part. */
  readonly neverFor?: string;
}

/** The flags that make missing upstream data a choice, so never exit 4; a command names those it has. */
const CHOSEN_GAPS = ["offline", "lock-only"] as const;

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

/** Exit 4's line for a command with these options: the "never with" part names only flags it has. */
export function incompleteLine(meaning: IncompleteMeaning, options: ReadonlySet<string>): string {
  const never = CHOSEN_GAPS.filter((o) => options.has(o)).map((o) => `--${o}`);
  const notes = [
    ...(meaning.only !== undefined ? [meaning.only] : []),
    ...(never.length > 0
      ? [`${meaning.neverFor !== undefined ? `${meaning.neverFor}, ` : ""}never with ${never.join(" or ")}`]
      : []),
  ];
  return `${meaning.what}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`;
}

/**
 * The "Exit codes:" paragraph of a command's help: only the codes it can return, and exit 4 worded
 * for the command (`incomplete`, with the options it has) rather than for every command at once;
 * `own` words a code for a command whose 1 or 3 means something narrower (verify).
 */
export function exitCodesHelp(
  codes: readonly ExitCode[],
  incomplete?: { readonly meaning: IncompleteMeaning; readonly options: ReadonlySet<string> },
  own: Partial<Record<ExitCode, string>> = {},
): string {
  const meaning = (c: ExitCode): string =>
    c === ExitCode.UpstreamIncomplete && incomplete !== undefined
      ? incompleteLine(incomplete.meaning, incomplete.options)
      : (own[c] ?? EXIT_CODE_MEANINGS[c]);
  return `Exit codes:\n${codes.map((c) => `  ${String(c).padStart(2)}  ${meaning(c)}`).join("\n")}`;
}
