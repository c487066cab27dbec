import {
  BUILT_IN_POLICY,
  CHECK_RULES,
  type CheckRuleId,
  DEFAULT_SETTINGS,
  type Override,
  type Policy,
  type RuleSetting,
  type RuleSettings,
  withRules,
} from "../../domain/policy/policy.js";
import { ok, type Result } from "../../domain/result.js";
import { parseStructuredDocument, validateDocument } from "../structured-document.js";
import type { InputIssue } from "../../domain/input-issue.js";
import { PolicySchema, type PolicyFile } from "./policy.schema.js";

const NEXT = "fix the policy; schemas/policy.v1.schema.json gives editors completion and checks";

type Settings = Omit<PolicyFile, "$schema" | "version" | "overrides" | "allow">;

/** The rule changes a policy makes, without the keys it left out. */
function ruleChanges(rules: Settings["rules"]): Partial<Record<CheckRuleId, Partial<RuleSetting>>> {
  const out: Partial<Record<CheckRuleId, Partial<RuleSetting>>> = {};
  for (const id of CHECK_RULES) {
    const r = rules?.[id];
    if (r !== undefined)
      out[id] = {
        ...(r.enabled !== undefined ? { enabled: r.enabled } : {}),
        ...(r.severity !== undefined ? { severity: r.severity } : {}),
      };
  }
  return out;
}

function toSettings(s: Settings): Override["settings"] {
  return {
    ...(s.rules !== undefined ? { rules: ruleChanges(s.rules) } : {}),
    ...(s.maxAgeDays !== undefined ? { maxAgeDays: s.maxAgeDays } : {}),
    ...(s.nixpkgsMaxAgeDays !== undefined ? { nixpkgsMaxAgeDays: s.nixpkgsMaxAgeDays } : {}),
    ...(s.supportedBranches?.releases !== undefined ? { releases: s.supportedBranches.releases } : {}),
    ...(s.supportedBranches?.rolling !== undefined ? { rollingBranches: s.supportedBranches.rolling } : {}),
    ...(s.allowedLicenses !== undefined ? { allowedLicenses: s.allowedLicenses } : {}),
  };
}

/** Parses a JSON or YAML policy, reporting every problem at once with its place in the file. */
export function parsePolicy(text: string, origin: string): Result<Policy, InputIssue[]> {
  const doc = parseStructuredDocument(text, origin, { what: "policy", next: NEXT });
  if (!doc.ok) return doc;
  const parsed = validateDocument(PolicySchema, doc.value, origin, NEXT);
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  const base = toSettings(p);
  const defaults: RuleSettings = { ...DEFAULT_SETTINGS, ...base, rules: withRules(DEFAULT_SETTINGS.rules, base.rules) };
  return ok({
    ...BUILT_IN_POLICY,
    defaults,
    ...(p.requiredPackages !== undefined ? { requiredPackages: p.requiredPackages } : {}),
    overrides: (p.overrides ?? []).map((o) => ({ inputs: o.inputs, settings: toSettings(o) })),
    allow: (p.allow ?? []).map((a) => ({
      rule: a.rule,
      input: a.input,
      reason: a.reason,
      ...(a.expires !== undefined ? { expires: a.expires } : {}),
    })),
    source: origin,
  });
}
