import { compareFindings, type Finding, type RuleId } from "../findings.js";
import { globMatcher } from "./glob.js";
import { compareStrings, formatInputPath } from "../lock/input-path.js";
import type { LockedInput, LockInventory } from "../lock/inventory.js";
import { isSupportedBranch } from "./nixpkgs-branches.js";
import { settingsFor, type CheckRuleId, type Policy, type RuleSettings } from "./policy.js";
import type { ResolveReport } from "../provenance/report.js";
import { nameSource } from "../lock/source-name.js";
import { isoDate } from "../time.js";
import { forgeHost, isRelativePath, pinningOf } from "../lock/source-ref.js";

/** A finding of `check`, with the lock node it points at and, when accepted, why. */
export interface CheckFinding extends Finding {
  readonly nodeKey?: string;
  readonly suppressedBy?: { readonly reason: string; readonly expires?: string };
}

const DAY = 86400;
const isNixpkgs = (i: LockedInput): boolean =>
  nameSource(i.locked).name === "nixpkgs" || /nixos\.org\/.*nixexprs/.test(String(i.locked.attrs["url"] ?? ""));
const where = (i: LockedInput): string => {
  const s = i.locked;
  return s.type === "github" || s.type === "gitlab" || s.type === "sourcehut"
    ? `${s.type}:${forgeHost(s)}/${s.owner}/${s.repo}`.toLowerCase()
    : s.type === "git" || s.type === "hg"
      ? `${s.type}:${s.url.split("?")[0]}`
      : "";
};

function lockRules(i: LockedInput, s: RuleSettings, now: Date): Array<[CheckRuleId, string]> {
  const out: Array<[CheckRuleId, string]> = [];
  const src = i.locked;
  const nixpkgs = isNixpkgs(i);
  if (src.lastModified !== undefined) {
    const max = nixpkgs ? s.nixpkgsMaxAgeDays : s.maxAgeDays;
    const age = Math.floor((now.getTime() / 1000 - src.lastModified) / DAY);
    if (age > max)
      out.push(["stale", `last modified ${isoDate(src.lastModified)}, ${age} days ago (the policy allows ${max})`]);
  }
  const ref = i.original?.ref;
  if (nixpkgs && ref !== undefined && !isSupportedBranch(ref, now, s.releases, s.rollingBranches))
    out.push(["unsupported-branch", `follows '${ref}', which is not a supported release or rolling branch`]);
  if (nixpkgs && src.type === "github" && src.owner.toLowerCase() !== "nixos")
    out.push(["non-upstream-nixpkgs", `nixpkgs comes from ${src.owner}/${src.repo}, not NixOS/nixpkgs`]);
  const pin = pinningOf(src);
  if (pin === "unlocked") out.push(["unlocked", "no rev or narHash locks it"]);
  else if (pin === "rev-only") out.push(["unlocked", "locked to a commit but without a narHash"]);
  else if (src.type === "path" && !isRelativePath(src))
    out.push(["unlocked", `a local path (${src.path}) is mutable, whatever its hash says today`]);
  if (!i.isFlake && src.narHash === undefined && pin !== "relative")
    out.push(["unlocked", "a flake = false input without a narHash"]);
  const urls = [src.attrs["url"], i.original?.attrs["url"]].filter((u): u is string => typeof u === "string");
  if (urls.some((u) => /^(?:http|git):\/\//i.test(u)))
    out.push([
      "insecure-transport",
      `fetched over ${urls.find((u) => /^(?:http|git):\/\//i.test(u))!.split(":")[0]}://`,
    ]);
  return out;
}

/** The same repository locked at several revisions: one finding per repository, on its first input. */
function duplicates(inputs: readonly LockedInput[]): Map<string, string> {
  const byRepo = new Map<string, LockedInput[]>();
  for (const i of inputs) {
    const w = where(i);
    if (w !== "") byRepo.set(w, [...(byRepo.get(w) ?? []), i]);
  }
  const out = new Map<string, string>();
  for (const [repo, list] of byRepo) {
    const revs = new Set(list.map((i) => i.locked.rev ?? ""));
    if (revs.size < 2) continue;
    const paths = list.flatMap((i) => i.paths.map(formatInputPath)).sort(compareStrings);
    out.set(
      list[0]!.id,
      `${repo.split(":")[1]} is locked at ${revs.size} revisions (${paths.join(", ")}); the others could follow '${list[0]!.id}'`,
    );
  }
  return out;
}

/** Provenance findings by input, mapped to check rules (unsigned commits come from signatures). */
function upstreamRules(
  report: ResolveReport | undefined,
  s: (input: string) => RuleSettings,
): Map<string, Array<[CheckRuleId, string]>> {
  const out = new Map<string, Array<[CheckRuleId, string]>>();
  const add = (input: string, r: CheckRuleId, m: string): void =>
    void out.set(input, [...(out.get(input) ?? []), [r, m]]);
  for (const f of report?.findings ?? []) add(f.input, f.rule as CheckRuleId, f.message);
  for (const e of report?.inputs ?? []) {
    const c = e.upstream?.commit;
    if (c !== undefined && c.signature.state !== "verified")
      add(
        e.input,
        "unsigned-commit",
        c.signature.state === "unsigned"
          ? "the locked commit is not signed"
          : `the commit's signature is not verified (${c.signature.reason})`,
      );
    const allowed = s(e.input).allowedLicenses;
    const lic = e.upstream?.license;
    if (allowed !== undefined && lic !== undefined && lic !== null && !allowed.includes(lic))
      add(e.input, "license-not-allowed", `${lic} is not on the allowed list (${allowed.join(", ")})`);
  }
  return out;
}

/** Every input against the policy, at `now`. Pure: the clock is a parameter. */
export function evaluatePolicy(
  inventory: LockInventory,
  provenance: ResolveReport | undefined,
  policy: Policy,
  now: Date,
): { findings: CheckFinding[]; suppressed: CheckFinding[] } {
  const matchesGlob = globMatcher();
  const settings = (input: string): RuleSettings => settingsFor(policy, input, matchesGlob);
  const dups = duplicates(inventory.inputs);
  const upstream = upstreamRules(provenance, settings);
  const raw: CheckFinding[] = [];
  for (const i of inventory.inputs) {
    const s = settings(i.id);
    const hits = [
      ...lockRules(i, s, now),
      ...(dups.has(i.id) ? [["duplicate-sources", dups.get(i.id)!] as [CheckRuleId, string]] : []),
      ...(upstream.get(i.id) ?? []),
    ];
    for (const [rule, message] of hits) {
      const r = s.rules[rule];
      if (r?.enabled === true)
        raw.push({ rule: rule as RuleId, severity: r.severity, input: i.id, message, nodeKey: i.nodeKeys[0]! });
    }
  }
  const findings: CheckFinding[] = [];
  const suppressed: CheckFinding[] = [];
  const today = now.toISOString().slice(0, 10);
  for (const f of raw) {
    const a = policy.allow.find((x) => x.rule === f.rule && matchesGlob(x.input, f.input));
    if (a === undefined) findings.push(f);
    else if (a.expires !== undefined && a.expires < today) {
      findings.push(f, {
        rule: "allowlist-expired",
        severity: "medium",
        input: f.input,
        message: `the allowance for ${f.rule} ("${a.reason}") expired on ${a.expires}`,
        ...(f.nodeKey !== undefined ? { nodeKey: f.nodeKey } : {}),
      });
    } else
      suppressed.push({
        ...f,
        suppressedBy: { reason: a.reason, ...(a.expires !== undefined ? { expires: a.expires } : {}) },
      });
  }
  return { findings: findings.sort(compareFindings), suppressed: suppressed.sort(compareFindings) };
}
