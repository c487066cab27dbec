import type { Severity } from "../domain/findings.js";
import type { FailOn } from "./commands/fail-on.js";

/**
 * How upstream facts were sought. `offline` and `lock-only` are the user's choice: what they leave
 * unanswered is expected, so it never makes a run "incomplete" (exit 4).
 */
export type UpstreamMode = "online" | "offline" | "lock-only";

/** What a command's run came to, before it is an exit code; cli/exit-codes.ts decides the code. */
export interface Outcome {
  /** The severities of the findings the command reported. */
  readonly severities: readonly Severity[];
  /** The --fail-on threshold they are judged against; `none` for commands without findings. */
  readonly failOn: FailOn;
  /** Some upstream data (GitHub, the installed nix) was asked for and could not be had. */
  readonly incomplete: boolean;
  readonly upstream: UpstreamMode;
}

/** An outcome with nothing to report, overridden field by field. */
export const outcome = (fields: Partial<Outcome> = {}): Outcome => ({
  severities: [],
  failOn: "none",
  incomplete: false,
  upstream: "online",
  ...fields,
});

/** The upstream mode the flags chose: --lock-only wins over --offline. */
export const upstreamMode = (flags: { readonly offline: boolean; readonly lockOnly?: boolean }): UpstreamMode =>
  flags.lockOnly === true ? "lock-only" : flags.offline ? "offline" : "online";
