import { describeFinding, severityOf, type FleetFinding } from "../../domain/fleet/findings.js";
import type { ClosureChange, HostEntry } from "../../domain/fleet/report.js";
import type { Severity } from "../../domain/findings.js";

/** A finding with its default severity and one-line description, as every renderer shows it. */
export interface FindingView {
  readonly finding: FleetFinding;
  readonly severity: Severity;
  readonly text: string;
}

export const findingViews = (findings: readonly FleetFinding[]): FindingView[] =>
  findings.map((finding) => ({ finding, severity: severityOf(finding), text: describeFinding(finding) }));

/** `3 trusted, 1 unsigned` — the non-zero verdict counts, in a fixed order. */
export function signatureSummary(h: HostEntry): string {
  const c = h.signatures?.counts;
  if (c === undefined) return "";
  const parts = [
    [c.trusted, "trusted"],
    [c.contentAddressed, "content-addressed"],
    [c.untrusted, "untrusted"],
    [c.unsigned, "unsigned"],
    [c.invalid, "invalid"],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, w]) => `${n} ${w}`)
    .join(", ");
}

/**
 * Paths whose signature strings are malformed (no key name, not base64 of 64 bytes): their count and
 * the first `limit` of them. Undefined when there are none. Nix cannot check such a signature, so the
 * reader should look at who wrote it; the verdict counts already judge the path.
 */
export function malformedSignatures(h: HostEntry, limit = 3): { count: number; examples: string[] } | undefined {
  const listed = h.signatures?.malformed ?? [];
  const count = h.signatures?.malformedCount ?? listed.length;
  return count > 0 ? { count, examples: listed.slice(0, limit) } : undefined;
}

export const pathsWord = (n: number): string => (n === 1 ? "1 path" : `${n} paths`);

/** `hello 1.0 → 1.1, +curl 8.0, -wget` — at most `limit` package changes. */
export function changeSummary(c: ClosureChange, limit = 8): string {
  const one = (p: ClosureChange["packages"][number]): string => {
    if (p.change === "added") return `+${p.name} ${p.newVersions.join(", ")}`.trimEnd();
    if (p.change === "removed") return `-${p.name} ${p.oldVersions.join(", ")}`.trimEnd();
    if (p.change === "size-changed") return `${p.name} (size ${p.sizeDelta >= 0 ? "+" : ""}${p.sizeDelta} B)`;
    return `${p.name} ${p.oldVersions.join(", ") || "∅"} → ${p.newVersions.join(", ") || "∅"}`;
  };
  const shown = c.packages.slice(0, limit).map(one);
  const more = c.packages.length > limit ? `, … ${c.packages.length - limit} more` : "";
  return c.packages.length === 0 ? "no package changes" : `${shown.join(", ")}${more}`;
}

export const generationText = (h: HostEntry): string => {
  const g = h.generations.find((x) => x.number === h.generation);
  if (h.generation === undefined) return "generation unknown";
  return `generation ${h.generation}${g?.date !== undefined ? ` (${g.date})` : ""}`;
};

export const approvalText = (approved: boolean | null): string =>
  approved === null ? "nothing approved" : approved ? "approved" : "NOT approved";
