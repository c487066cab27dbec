import type { DiffChange, DiffReport } from "../../domain/diff/report.js";
import { CHANGE_KINDS, type ChangeKind, type LockedSide } from "../../domain/diff/lock-diff.js";
import { severityRank, type Severity } from "../../domain/findings.js";
import { isoDate } from "../../domain/time.js";
import type { ClosureDiff } from "../../domain/diff/closure-diff.js";

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

export function groupByKind(r: DiffReport): Array<[ChangeKind, DiffChange[]]> {
  return CHANGE_KINDS.map((k) => [k, r.changes.filter((c) => c.kind === k)] as [ChangeKind, DiffChange[]]).filter(
    ([, cs]) => cs.length > 0,
  );
}

/** The worst finding on an input, for a risk mark. */
export function riskOf(r: DiffReport, input: string): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of r.findings)
    if (f.input === input && (worst === undefined || severityRank(f.severity) > severityRank(worst)))
      worst = f.severity;
  return worst;
}

/** `github:NixOS/nixpkgs/5e2a… (2024-05-01)`, as `nix flake update` prints a pin. */
export const pinText = (s: LockedSide | undefined): string =>
  s === undefined
    ? ""
    : s.follows !== undefined
      ? `follows '${s.follows}'`
      : `${s.url}${s.lastModified !== undefined ? ` (${isoDate(s.lastModified)})` : ""}`;

export const countsLine = (r: DiffReport): string =>
  `${r.changes.length} change${r.changes.length === 1 ? "" : "s"} (${
    groupByKind(r)
      .map(([k, cs]) => `${cs.length} ${KIND_TITLES[k].toLowerCase()}`)
      .join(", ") || "none"
  }), ${r.unchangedCount} unchanged`;

/** The closure's total size change, in MiB with its sign: `+1.2 MiB total`. */
export const closureTotal = (c: ClosureDiff): string => {
  const mib = (c.newSize - c.oldSize) / 1048576;
  return `${mib >= 0 ? "+" : ""}${mib.toFixed(1)} MiB total`;
};
