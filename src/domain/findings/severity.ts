/** How much a finding matters; `--fail-on` compares against this order. */
export const SEVERITIES = ["info", "low", "medium", "high"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);
/** Whether a severity is at or above a threshold (`--fail-on`). */
export const atLeast = (s: Severity, threshold: Severity): boolean => severityRank(s) >= severityRank(threshold);
