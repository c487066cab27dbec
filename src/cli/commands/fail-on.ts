import { atLeast, type Finding } from "../../domain/findings.js";

export const FAIL_ON = ["none", "low", "medium", "high"] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Exit 1 when a finding is at or above the threshold; `none` never fails. */
export const failsOn = (findings: readonly Finding[], threshold: FailOn): boolean =>
  threshold !== "none" && findings.some((f) => atLeast(f.severity, threshold));
