import type { Severity } from "../findings.js";
import { LIST_UPDATED, RELEASES, ROLLING, type Release } from "./nixpkgs-branches.js";

/** The rules `check` evaluates, each with an id a policy can name. */
export const CHECK_RULES = [
  "stale",
  "unsupported-branch",
  "non-upstream-nixpkgs",
  "duplicate-sources",
  "unlocked",
  "indirect-original",
  "registry-copy",
  "insecure-transport",
  "rev-not-found",
  "rev-not-on-ref",
  "repo-archived",
  "repo-fork",
  "repo-renamed",
  "last-modified-mismatch",
  "unsigned-commit",
  "missing-license",
  "license-not-allowed",
] as const;
export type CheckRuleId = (typeof CHECK_RULES)[number];

export interface RuleSetting {
  readonly enabled: boolean;
  readonly severity: Severity;
}

/** Settings of every rule, thresholds included, after defaults and overrides. */
export interface RuleSettings {
  readonly rules: Readonly<Record<CheckRuleId, RuleSetting>>;
  readonly maxAgeDays: number;
  readonly nixpkgsMaxAgeDays: number;
  readonly releases: readonly Release[];
  readonly rollingBranches: readonly string[];
  /** SPDX ids; undefined means any license is allowed. */
  readonly allowedLicenses?: readonly string[];
}

/** An accepted finding: suppressed until it expires, and reported itself once it has. */
export interface Allowance {
  readonly rule: CheckRuleId;
  /** Input-path glob. */
  readonly input: string;
  readonly reason: string;
  /** ISO date; absent for no expiry. */
  readonly expires?: string;
}

export interface Override {
  /** Input-path glob. */
  readonly inputs: string;
  readonly settings: Partial<Omit<RuleSettings, "rules">> & {
    readonly rules?: Partial<Record<CheckRuleId, Partial<RuleSetting>>>;
  };
}

export interface Policy {
  readonly defaults: RuleSettings;
  readonly overrides: readonly Override[];
  readonly allow: readonly Allowance[];
  /** Package-name globs an installable must keep (diff --installable: `package-removed`). */
  readonly requiredPackages?: readonly string[];
  /** Where the policy came from, for the report's record (`built-in` without --policy). */
  readonly source: string;
}

const on = (severity: Severity): RuleSetting => ({ enabled: true, severity });

export const DEFAULT_SETTINGS: RuleSettings = {
  rules: {
    stale: on("medium"),
    "unsupported-branch": on("high"),
    "non-upstream-nixpkgs": on("medium"),
    "duplicate-sources": on("low"),
    unlocked: on("high"),
    "indirect-original": on("medium"),
    "registry-copy": on("medium"),
    "insecure-transport": on("high"),
    "rev-not-found": on("high"),
    "rev-not-on-ref": on("high"),
    "repo-archived": on("medium"),
    "repo-fork": on("medium"),
    "repo-renamed": on("low"),
    "last-modified-mismatch": on("medium"),
    "unsigned-commit": { enabled: false, severity: "low" },
    "missing-license": on("low"),
    "license-not-allowed": on("high"),
  },
  maxAgeDays: 90,
  nixpkgsMaxAgeDays: 30,
  releases: RELEASES,
  rollingBranches: ROLLING,
};

export const BUILT_IN_POLICY: Policy = {
  defaults: DEFAULT_SETTINGS,
  overrides: [],
  allow: [],
  source: `built-in (branch list of ${LIST_UPDATED})`,
};

/** Rule settings with some of them changed. */
export function withRules(
  rules: Readonly<Record<CheckRuleId, RuleSetting>>,
  changes: Partial<Record<CheckRuleId, Partial<RuleSetting>>> | undefined,
): Record<CheckRuleId, RuleSetting> {
  const out = { ...rules };
  for (const id of CHECK_RULES) {
    const change = changes?.[id];
    if (change !== undefined) out[id] = { ...out[id], ...change };
  }
  return out;
}

/** The settings for one input: defaults with every matching override applied in order. */
export function settingsFor(
  policy: Policy,
  input: string,
  matches: (glob: string, input: string) => boolean,
): RuleSettings {
  let s = policy.defaults;
  for (const o of policy.overrides) {
    if (matches(o.inputs, input)) s = { ...s, ...o.settings, rules: withRules(s.rules, o.settings.rules) };
  }
  return s;
}
