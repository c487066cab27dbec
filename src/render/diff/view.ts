import type { DiffChange, DiffReport } from "../../domain/diff/report.js";
import { CHANGE_KINDS, type ChangeKind, type LockedSide } from "../../domain/diff/lock-diff.js";
import { severityRank, type Severity } from "../../domain/findings.js";
import { isFollowsOnly } from "../../domain/diff/fold-follows.js";
import { isoDate } from "../../domain/time.js";
import type { ClosureDiff } from "../../domain/diff/closure-diff.js";
import { flakehubRelease, flakehubReleaseOf, releaseName } from "./flakehub.js";
import { plural } from "../../domain/words.js";

/** Projections the diff renderers share. */
export const KIND_TITLES: Readonly<Record<ChangeKind, string>> = {
  added: "Added",
  removed: "Removed",
  "source-changed": "Source changed",
  "follows-changed": "Follows changed",
  "narhash-changed": "Content changed under the same rev",
  "pin-lost": "Pin lost",
  updated: "Updated",
  "ref-changed": "Ref changed",
  "flake-toggled": "flake = false toggled",
  "last-modified-backwards": "Moved backwards",
};

/** Changes to what is locked; follows-only rewiring is summarised apart (followsChanges). */
export const sourceChanges = (r: DiffReport): DiffChange[] => r.changes.filter((c) => !isFollowsOnly(c));
/** Follows that came, went or were rewired on their own (not with an added or removed subtree). */
export const followsChanges = (r: DiffReport): DiffChange[] => r.changes.filter(isFollowsOnly);

/** Every follows change, folded into a subtree or not, by what happened to it. */
export function followsCounts(r: DiffReport): { added: number; removed: number; rewired: number } {
  const n = { added: 0, removed: 0, rewired: 0 };
  for (const c of r.changes) for (const f of c.subtreeFollows ?? []) n[f.kind]++;
  for (const c of followsChanges(r)) n[c.kind === "added" ? "added" : c.kind === "removed" ? "removed" : "rewired"]++;
  return n;
}

/** `follows 'nixpkgs'`, or the root flake for `follows = ""`. */
export const followsText = (target: string, quote: (s: string) => string): string =>
  target === "" ? "follows the root flake" : `follows ${quote(target)}`;

export function groupByKind(r: DiffReport): Array<[ChangeKind, DiffChange[]]> {
  const sources = sourceChanges(r);
  return CHANGE_KINDS.map((k) => [k, sources.filter((c) => c.kind === k)] as [ChangeKind, DiffChange[]]).filter(
    ([, cs]) => cs.length > 0,
  );
}

/** Each input's worst finding, indexed once per report: every renderer asks per row. */
const risks = new WeakMap<DiffReport, ReadonlyMap<string, Severity>>();

function riskIndex(r: DiffReport): ReadonlyMap<string, Severity> {
  let index = risks.get(r);
  if (index === undefined) {
    const worst = new Map<string, Severity>();
    for (const f of r.findings) {
      if (f.input === undefined) continue;
      const seen = worst.get(f.input);
      if (seen === undefined || severityRank(f.severity) > severityRank(seen)) worst.set(f.input, f.severity);
    }
    index = worst;
    risks.set(r, index);
  }
  return index;
}

/** The worst finding on an input, for a risk mark. */
export const riskOf = (r: DiffReport, input: string): Severity | undefined => riskIndex(r).get(input);

/** A locked source as people name it: a FlakeHub release as `NixOS/nixpkgs@0.2405.1…`, else its flake URL. */
export const sourceText = (s: LockedSide): string => {
  const release = flakehubRelease(s);
  return release !== undefined ? releaseName(release) : s.url;
};

/** A subtree's locked URL as people name it (a FlakeHub release by its name). */
export const urlText = (url: string): string => {
  const release = flakehubReleaseOf(url);
  return release !== undefined ? releaseName(release) : url;
};

/** `github:NixOS/nixpkgs/5e2a… (2024-05-01)`, as `nix flake update` prints a pin. */
export const pinText = (s: LockedSide | undefined): string =>
  s === undefined
    ? ""
    : s.follows !== undefined
      ? followsText(s.follows, (t) => `'${t}'`)
      : `${sourceText(s)}${s.lastModified !== undefined ? ` (${isoDate(s.lastModified)})` : ""}`;

/** The headline: sources and follows counted apart, e.g. `3 sources changed (…); 21 follows (…); 35 unchanged`. */
export function countsLine(r: DiffReport): string {
  // Inputs folded under an added, removed or toggled parent still count as added or removed sources.
  const count = new Map<ChangeKind, number>();
  for (const c of sourceChanges(r)) {
    count.set(c.kind, (count.get(c.kind) ?? 0) + 1);
    for (const f of c.subtreeSources ?? []) count.set(f.kind, (count.get(f.kind) ?? 0) + 1);
  }
  const kinds = CHANGE_KINDS.filter((k) => count.has(k)).map((k) => `${count.get(k)} ${KIND_TITLES[k].toLowerCase()}`);
  const sources = sourceChanges(r).reduce((n, c) => n + 1 + (c.subtreeSources?.length ?? 0), 0);
  const f = followsCounts(r);
  const follows = f.added + f.removed + f.rewired;
  const parts = [`${plural(sources, "source")} changed${kinds.length > 0 ? ` (${kinds.join(", ")})` : ""}`];
  if (follows > 0) {
    const what = [
      ...(f.added > 0 ? [`${f.added} added`] : []),
      ...(f.removed > 0 ? [`${f.removed} removed`] : []),
      ...(f.rewired > 0 ? [`${f.rewired} rewired`] : []),
    ];
    parts.push(`${follows} follows (${what.join(", ")})`);
  }
  return `${parts.join("; ")}; ${r.unchangedCount} unchanged`;
}

/** The closure's total size change, in MiB with its sign: `+1.2 MiB total`. */
export const closureTotal = (c: ClosureDiff): string => {
  const mib = (c.newSize - c.oldSize) / 1048576;
  return `${mib >= 0 ? "+" : ""}${mib.toFixed(1)} MiB total`;
};
