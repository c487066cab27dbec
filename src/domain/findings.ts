import type { FindingDetails } from "./findings/details.js";
import { MESSAGES } from "./findings/message.js";
import { RULES, type RuleId } from "./findings/rules.js";

export type { FindingDetails, UnlockedDetails } from "./findings/details.js";
export { RULES, type RuleId } from "./findings/rules.js";

/** How much a finding matters; `--fail-on` compares against this order. */
export const SEVERITIES = ["info", "low", "medium", "high"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);
/** Whether a severity is at or above a threshold (`--fail-on`). */
export const atLeast = (s: Severity, threshold: Severity): boolean => severityRank(s) >= severityRank(threshold);

/**
 * One finding of one rule: which input, how bad, the data that explains it (`details`, by rule) and
 * the message worded from that data.
 */
export interface FindingOf<R extends RuleId> {
  readonly rule: R;
  readonly severity: Severity;
  /** The input path, e.g. `home-manager/nixpkgs`. */
  readonly input: string;
  readonly message: string;
  readonly details: FindingDetails[R];
}

/** A finding of any rule: `details` narrows with `rule`. */
export type Finding = { [R in RuleId]: FindingOf<R> }[RuleId];

/** A finding worded from its data, at its rule's default severity unless the policy says otherwise. */
export function makeFinding<R extends RuleId>(
  rule: R,
  input: string,
  details: FindingDetails[R],
  severity: Severity = RULES[rule].severity,
): FindingOf<R> {
  return { rule, severity, input, message: MESSAGES[rule](details), details };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Worst first, then by input and rule; ties keep the order the rules found them in (sorts are stable). */
export const compareFindings = (a: Finding, b: Finding): number =>
  severityRank(b.severity) - severityRank(a.severity) || compareText(a.input, b.input) || compareText(a.rule, b.rule);
