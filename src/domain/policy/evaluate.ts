import { compareFindings, makeFinding, type Finding } from "../findings.js";
import { sameInputPath } from "../lock/input-path.js";
import type { LockedInput, LockInventory } from "../lock/inventory.js";
import type { ResolveReport } from "../provenance/report.js";
import { globMatcher } from "./glob.js";
import type { Package } from "../packages/index.js";
import { packageLicenseFindings } from "./package-rules.js";
import { licencePolicy } from "./licence-rules.js";
import type { SourceFiles } from "../licence/evidence.js";
import type { Gap } from "../report.js";
import { duplicateSources, lockRules, type CheckRuleFinding } from "./lock-rules.js";
import type { CheckFinding } from "./check-finding.js";
import { placer } from "./placement.js";
import { CHECK_RULES, settingsFor, type CheckRuleId, type Policy, type RuleSettings } from "./policy.js";

export type { CheckFinding } from "./check-finding.js";

const CHECK_RULE_SET: ReadonlySet<string> = new Set(CHECK_RULES);
const isCheckRuleFinding = (f: Finding): f is CheckRuleFinding => CHECK_RULE_SET.has(f.rule);

const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => void m.set(k, [...(m.get(k) ?? []), v]);

/** Provenance findings by input, with the rule only check has (unsigned commits); licences are licence-rules.ts'. */
function upstreamRules(report: ResolveReport | undefined): Map<string, CheckRuleFinding[]> {
  const out = new Map<string, CheckRuleFinding[]>();
  for (const f of report?.findings ?? []) if (isCheckRuleFinding(f)) push(out, f.input, f);
  for (const e of report?.inputs ?? []) {
    const signature = e.upstream?.commit?.signature;
    if (signature !== undefined && signature.state !== "verified")
      push(out, e.input, makeFinding("unsigned-commit", e.input, signature));
  }
  return out;
}

/** Accepted findings are suppressed until their allowance expires; then both are reported. */
function applyAllowances(
  raw: readonly CheckFinding[],
  policy: Policy,
  matches: (glob: string, input: string) => boolean,
  today: string,
): { findings: CheckFinding[]; suppressed: CheckFinding[] } {
  const findings: CheckFinding[] = [];
  const suppressed: CheckFinding[] = [];
  for (const f of raw) {
    const a = policy.allow.find((x) => x.rule === f.rule && matches(x.input, f.input));
    if (a === undefined) findings.push(f);
    else if (a.expires !== undefined && a.expires < today) {
      const expired = makeFinding("allowlist-expired", f.input, { rule: f.rule, reason: a.reason, expires: a.expires });
      // The expiry is about the policy, not the lock: it keeps the place but not the follows advice.
      const { follows: _follows, ...place } = f;
      findings.push(f, { ...place, ...expired });
    } else
      suppressed.push({
        ...f,
        suppressedBy: { reason: a.reason, ...(a.expires !== undefined ? { expires: a.expires } : {}) },
      });
  }
  return { findings: findings.sort(compareFindings), suppressed: suppressed.sort(compareFindings) };
}

/**
 * The node the finding's input path leads to: a source locked by several identical nodes is named by
 * its primary input path, so that node (not merely the first key) is where the finding points.
 */
const primaryNode = (inventory: LockInventory, i: LockedInput): string | undefined =>
  i.nodeKeys.find((k) => inventory.index.paths.get(k)?.some((p) => sameInputPath(p, i.primaryPath))) ?? i.nodeKeys[0];

/** Every input against the policy, at `now`. Pure: the clock is a parameter. */
export function evaluatePolicy(
  inventory: LockInventory,
  provenance: ResolveReport | undefined,
  policy: Policy,
  now: Date,
  packages: readonly Package[] = [],
  sourceLicences?: ReadonlyMap<string, SourceFiles>,
): { findings: CheckFinding[]; suppressed: CheckFinding[]; gaps: Gap[] } {
  // Each glob is compiled once for the whole evaluation.
  const matches = globMatcher();
  const settings = (input: string): RuleSettings => settingsFor(policy, input, matches);
  const duplicates = new Map<string, CheckRuleFinding[]>();
  for (const f of duplicateSources(inventory.inputs)) push(duplicates, f.input, f);
  const upstream = upstreamRules(provenance);
  const licences = licencePolicy(inventory, provenance, sourceLicences, settings);
  for (const [input, fs] of licences.findings) for (const f of fs) push(upstream, input, f);
  const enabled: Array<[LockedInput, CheckRuleFinding]> = [];
  for (const i of inventory.inputs) {
    const s = settings(i.id);
    for (const f of [...lockRules(i, s, now), ...(duplicates.get(i.id) ?? []), ...(upstream.get(i.id) ?? [])]) {
      const r = s.rules[f.rule satisfies CheckRuleId];
      if (r.enabled) enabled.push([i, { ...f, severity: r.severity }]);
    }
  }
  const found = new Set(enabled.map(([i, f]) => `${f.rule}\u0000${i.id}`));
  const place = placer(inventory, (rule, input) => found.has(`${rule}\u0000${input}`));
  const raw = enabled.map(([i, f]): CheckFinding => {
    const nodeKey = primaryNode(inventory, i);
    return { ...f, ...place(f.rule, i), ...(nodeKey !== undefined ? { nodeKey } : {}) };
  });
  // A closure's packages have no lock node: their findings point at no place in the lock.
  raw.push(...packageLicenseFindings(packages, settings));
  return { ...applyAllowances(raw, policy, matches, now.toISOString().slice(0, 10)), gaps: licences.gaps };
}

/**
 * A closure's packages alone against a policy, for a check without a lock: the licence rules and
 * the policy's allowances, nothing that needs lock nodes.
 */
export function evaluatePackagePolicy(
  packages: readonly Package[],
  policy: Policy,
  now: Date,
): { findings: CheckFinding[]; suppressed: CheckFinding[] } {
  const matches = globMatcher();
  const settings = (input: string): RuleSettings => settingsFor(policy, input, matches);
  return applyAllowances(packageLicenseFindings(packages, settings), policy, matches, now.toISOString().slice(0, 10));
}
