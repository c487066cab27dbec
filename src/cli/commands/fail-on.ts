import { atLeast, type Finding, type Severity } from "../../domain/findings.js";

export const FAIL_ON = ["none", "low", "medium", "high"] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Whether any severity is at or above the threshold; `none` never fails. */
export const atOrAbove = (severities: readonly Severity[], threshold: FailOn): boolean =>
  threshold !== "none" && severities.some((s) => atLeast(s, threshold));

/** Exit 1 when a finding is at or above the threshold. */
export const failsOn = (findings: readonly Finding[], threshold: FailOn): boolean =>
  atOrAbove(
    findings.map((f) => f.severity),
    threshold,
  );
