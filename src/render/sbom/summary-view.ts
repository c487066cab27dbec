import { compareStrings, formatInputPath } from "../../domain/lock/input-path.js";
import type { Pinning } from "../../domain/lock/source-ref.js";
import type { SbomModel } from "../../domain/sbom-model.js";
import { isoDateTime } from "../../domain/time.js";

/** What a compliance summary counts, from the same model the CycloneDX renderer reads. */
export interface LicenceRow {
  readonly licence: string;
  /** "input" (GitHub's detection) or "package" (nixpkgs meta). */
  readonly from: "input" | "package";
  readonly count: number;
  readonly examples: readonly string[];
}

export interface AgeRow {
  readonly input: string;
  readonly lastModified?: string;
  readonly days?: number;
}

const EXAMPLES = 5;

function addTo(
  rows: Map<string, { from: "input" | "package"; count: number; examples: string[] }>,
  key: string,
  from: "input" | "package",
  what: string,
): void {
  const k = `${from}\u0000${key}`;
  const row = rows.get(k) ?? { from, count: 0, examples: [] };
  row.count++;
  if (row.examples.length < EXAMPLES) row.examples.push(what);
  rows.set(k, row);
}

/**
 * Licences by how often they occur: inputs by GitHub's detection (with --resolve; "not asked"
 * otherwise, never "none"), packages by nixpkgs meta ("no meta entry" is a gap, not "none").
 */
export function licenceRows(m: SbomModel): LicenceRow[] {
  const rows = new Map<string, { from: "input" | "package"; count: number; examples: string[] }>();
  for (const i of m.inventory?.inputs ?? []) {
    const e = m.provenance?.get(i.id);
    const key =
      m.provenance === undefined
        ? "not asked (run with --resolve)"
        : e?.upstream !== undefined
          ? (e.upstream.license ?? "none detected by GitHub")
          : "unknown (not resolved)";
    addTo(rows, key, "input", i.id);
  }
  for (const p of m.packages?.byPath.values() ?? []) {
    const l = p.license;
    const key =
      l.status === "declared"
        ? l.licenses.map((x) => x.spdxId ?? x.name ?? "?").join(" AND ") || "declared, unreadable"
        : l.status === "none"
          ? "none in meta"
          : "no meta entry (give --meta)";
    addTo(rows, key, "package", `${p.name}${p.version !== undefined ? ` ${p.version}` : ""}`);
  }
  return [...rows.entries()]
    .map(([k, r]) => ({ licence: k.slice(k.indexOf("\u0000") + 1), ...r }))
    .sort((a, b) => b.count - a.count || compareStrings(a.from, b.from) || compareStrings(a.licence, b.licence));
}

/** Every input with its age at the SBOM's timestamp, oldest first (no timestamp: dates only). */
export function ageRows(m: SbomModel): AgeRow[] {
  const at = m.timestamp?.getTime();
  return (m.inventory?.inputs ?? [])
    .map((i): AgeRow => {
      const lm = i.locked.lastModified;
      return {
        input: formatInputPath(i.primaryPath),
        ...(lm !== undefined ? { lastModified: isoDateTime(lm) } : {}),
        ...(lm !== undefined && at !== undefined ? { days: Math.floor((at / 1000 - lm) / 86400) } : {}),
      };
    })
    .sort(
      (a, b) =>
        (b.days ?? -1) - (a.days ?? -1) ||
        compareStrings(a.lastModified ?? "", b.lastModified ?? "") ||
        compareStrings(a.input, b.input),
    );
}

export const AGE_BUCKETS = [
  ["under 30 days", 0, 30],
  ["30–89 days", 30, 90],
  ["90–364 days", 90, 365],
  ["a year or more", 365, Number.POSITIVE_INFINITY],
] as const;

/** How many inputs fall in each age bucket, and how many have no date to tell. */
export function ageBuckets(rows: readonly AgeRow[]): Array<readonly [string, number]> {
  const out: Array<readonly [string, number]> = AGE_BUCKETS.map(([label, lo, hi]) => [
    label,
    rows.filter((r) => r.days !== undefined && r.days >= lo && r.days < hi).length,
  ]);
  out.push(["no age known", rows.filter((r) => r.days === undefined).length]);
  return out;
}

const PINNINGS: readonly Pinning[] = ["content", "rev-only", "relative", "unlocked"];

/** Inputs per pinning kind, in a fixed order. */
export const pinningCounts = (m: SbomModel): Array<readonly [Pinning, number]> =>
  PINNINGS.map((p) => [p, (m.inventory?.inputs ?? []).filter((i) => i.pinning === p).length]);
