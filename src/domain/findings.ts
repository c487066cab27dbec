import type { FindingDetails } from "./findings/details.js";
import { MESSAGES } from "./findings/message.js";
import { RULES, type RuleId } from "./findings/rules.js";
import { severityRank, type Severity } from "./findings/severity.js";

export type { FindingDetails, UnlockedDetails } from "./findings/details.js";
export { RULES, type RuleId } from "./findings/rules.js";

// Severities live in their own file, which the rule table imports without importing this one.
export { SEVERITIES, type Severity, severityRank, atLeast } from "./findings/severity.js";

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
