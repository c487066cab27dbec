import type { Closure } from "../closure/closure.js";
import { diffClosures } from "../diff/closure-diff.js";
import type { Gap } from "../report.js";
import { compareStrings } from "../lock/input-path.js";
import { compileGlob } from "../policy/glob.js";
import { compareFleetFindings, type FleetFinding } from "./findings.js";
import { hostFindings } from "./host-findings.js";
import { inputsInClosure } from "./inputs.js";
import type { FleetPlan } from "./plan.js";
import { checkOwnClosure } from "./own-closure.js";
import type { ClosureChange, FleetTotals, Generation, HostEntry, HostSource, SystemGroup } from "./report.js";
import type { SignatureAudit } from "./signatures.js";

// The outcome types live in host-outcome.ts, which own-closure.ts imports without this file.
export type { HostFailure, HostObservation, HostOutcome } from "./host-outcome.js";
import type { HostObservation, HostOutcome } from "./host-outcome.js";

/** A lock the fleet is compared with: the approved one, or an older one that identifies older inputs. */
// The plan types live in plan.ts, which host-findings.ts and inputs.ts import without this file.
export type { FleetPlan, KnownLock } from "./plan.js";

export interface FleetAnalysis {
  readonly hosts: readonly HostEntry[];
  readonly groups: readonly SystemGroup[];
  readonly totals: FleetTotals;
  readonly findings: readonly FleetFinding[];
  readonly gaps: readonly Gap[];
}

export const expectedSystemOf = (plan: FleetPlan, host: string): string | undefined =>
  plan.approvedSystems.find((a) => compileGlob(a.glob)(host))?.system;

const change = (from: string, to: string, a: Closure, b: Closure): ClosureChange => {
  const d = diffClosures(a, b);
  return { from, to, packages: d.packages, sizeDelta: d.newSize - d.oldSize };
};

/**
 * Joins every host with the approved locks and systems. Work per closure (signature audit, inputs)
 * is done once per distinct Closure object: hosts whose reports carried identical closures share one.
 */
export function analyseFleet(outcomes: readonly HostOutcome[], plan: FleetPlan): FleetAnalysis {
  const audits = new Map<Closure, SignatureAudit>();
  const auditOf = (c: Closure): SignatureAudit => {
    const known = audits.get(c);
    if (known !== undefined) return known;
    const a = plan.checker.audit(c);
    audits.set(c, a);
    return a;
  };
  const inputsMemo = new Map<Closure, ReturnType<typeof inputsInClosure>>();
  // Hosts sharing a closure share its drift from the approved system, by expected path.
  const driftMemo = new Map<Closure, Map<string, ClosureChange>>();
  const driftOf = (expected: string, approved: Closure, o: HostObservation): ClosureChange => {
    const byExpected = driftMemo.get(o.closure) ?? new Map<string, ClosureChange>();
    driftMemo.set(o.closure, byExpected);
    const known = byExpected.get(expected);
    if (known !== undefined) return known;
    const d = change(expected, o.system, approved, o.closure);
    byExpected.set(expected, d);
    return d;
  };
  const hosts: HostEntry[] = [];
  const findings: FleetFinding[] = [];
  const gaps: Gap[] = [];
  const checked = outcomes.map(checkOwnClosure);
  for (const o of [...checked].sort((a, b) => compareStrings(a.name, b.name))) {
    if ("failure" in o) {
      hosts.push({
        name: o.name,
        source: o.source,
        status: "unreachable",
        reason: o.failure,
        generations: [],
        approved: null,
        paths: 0,
        inputs: [],
      });
      // A long reason is printed once, with the host; the finding and the gap point at it.
      const brief = briefReason(o.failure);
      findings.push({ kind: "host-unreachable", host: o.name, reason: brief });
      gaps.push({ reason: `host ${o.name}: ${brief}` });
      continue;
    }
    const inputs = inputsMemo.get(o.closure) ?? inputsInClosure(o.closure, plan.locks);
    inputsMemo.set(o.closure, inputs);
    const expected = expectedSystemOf(plan, o.name);
    const approvedClosure = expected !== undefined ? plan.approvedClosures.get(expected) : undefined;
    const audit = auditOf(o.closure);
    const entry: HostEntry = {
      name: o.name,
      source: o.source,
      status: "ok",
      system: o.system,
      ...(o.generation !== undefined ? { generation: o.generation } : {}),
      generations: o.generations,
      approved: expected === undefined ? null : expected === o.system,
      ...(expected !== undefined ? { expectedSystem: expected } : {}),
      paths: o.closure.list.length,
      inputs,
      ...(expected !== undefined && expected !== o.system && approvedClosure !== undefined
        ? { drift: driftOf(expected, approvedClosure, o) }
        : {}),
      ...(o.previous !== undefined
        ? { lastChange: change(o.previous.system, o.system, o.previous.closure, o.closure) }
        : {}),
      signatures: {
        counts: audit.counts,
        untrusted: audit.untrusted.slice(0, plan.examples),
        unsigned: audit.unsigned.slice(0, plan.examples),
        invalid: audit.invalid.slice(0, plan.examples),
        ...(audit.malformed.length > 0
          ? { malformed: audit.malformed.slice(0, plan.examples), malformedCount: audit.malformed.length }
          : {}),
      },
    };
    hosts.push(entry);
    findings.push(...hostFindings(entry, audit, plan));
  }
  return {
    hosts,
    groups: groupBySystem(hosts),
    totals: totalsOf(hosts, checked, audits),
    findings: findings.sort(compareFleetFindings),
    gaps,
  };
}

const BRIEF_REASON_CHARS = 160;

/** A reason short enough to repeat: its first line, clipped, saying where the whole of it is. */
export function briefReason(reason: string): string {
  const first = reason.split("\n", 1)[0] ?? "";
  if (first.length <= BRIEF_REASON_CHARS && first.length === reason.length) return reason;
  return `${first.slice(0, BRIEF_REASON_CHARS)}… (the whole reason is given with the host)`;
}

function groupBySystem(hosts: readonly HostEntry[]): SystemGroup[] {
  const by = new Map<string, HostEntry[]>();
  for (const h of hosts) if (h.system !== undefined) by.set(h.system, [...(by.get(h.system) ?? []), h]);
  // A group is unapproved when any host running it was not approved for it.
  const verdict = (hs: readonly HostEntry[]): boolean | null =>
    hs.some((h) => h.approved === false) ? false : hs.some((h) => h.approved === true) ? true : null;
  return [...by.entries()]
    .map(([system, hs]) => ({ system, hosts: hs.map((h) => h.name), approved: verdict(hs) }))
    .sort((a, b) => b.hosts.length - a.hosts.length || compareStrings(a.system, b.system));
}

function totalsOf(
  hosts: readonly HostEntry[],
  outcomes: readonly HostOutcome[],
  audits: ReadonlyMap<Closure, SignatureAudit>,
): FleetTotals {
  const all = new Set<string>();
  const seen = new Set<Closure>();
  for (const o of outcomes) {
    if ("failure" in o || seen.has(o.closure)) continue;
    seen.add(o.closure);
    for (const info of o.closure.list) all.add(info.path);
  }
  const distinct = (pick: (a: SignatureAudit) => readonly string[]): number =>
    new Set([...audits.values()].flatMap((a) => [...pick(a)])).size;
  const read = hosts.filter((h) => h.status === "ok");
  return {
    hosts: hosts.length,
    read: read.length,
    gaps: hosts.length - read.length,
    distinctSystems: new Set(read.map((h) => h.system)).size,
    distinctPaths: all.size,
    untrustedPaths: distinct((a) => a.untrusted),
    unsignedPaths: distinct((a) => a.unsigned),
    invalidPaths: distinct((a) => a.invalid),
  };
}
