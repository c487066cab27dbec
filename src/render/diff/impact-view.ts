import type { DiffReport } from "../../domain/diff/report.js";
import type { ChangedInput, InstallableImpact, RebuildReason, VersionChange } from "../../domain/impact/model.js";
import { plural } from "../../domain/words.js";

/**
 * Projections the impact renderers share. Every string they return holds outside text (package
 * names, versions, URLs, nix's errors) unescaped: each renderer escapes it for its own context.
 */

/** The lock changes that caused the impact: `nixpkgs 5e2a1b2 → 9f8e7d6` for each updated input. */
export function lockMoves(r: DiffReport): string[] {
  const out: string[] = [];
  for (const c of r.changes) {
    if (c.old === undefined || c.new === undefined || c.old.follows !== undefined || c.new.follows !== undefined)
      continue;
    const short = (rev: string | undefined): string => (rev !== undefined ? rev.slice(0, 7) : "?");
    if (c.old.rev !== c.new.rev) out.push(`${c.input} ${short(c.old.rev)} → ${short(c.new.rev)}`);
    else if (c.old.url !== c.new.url) out.push(`${c.input} ${c.old.url} → ${c.new.url}`);
  }
  return out;
}

/** `3.0.14 → 3.0.15`, several versions joined with commas. */
export const versionMove = (v: Pick<VersionChange, "from" | "to">): string =>
  `${v.from.join(", ") || "∅"} → ${v.to.join(", ") || "∅"}`;

/** What a version change adds beyond its versions: `+ patch X`, `− patch Y`, a downgrade. */
export function versionNotes(v: VersionChange): string[] {
  return [
    ...(v.direction === "downgrade" ? ["downgrade"] : []),
    ...v.patchesAdded.map((p) => `+ patch ${p}`),
    ...v.patchesRemoved.map((p) => `− patch ${p}`),
  ];
}

/** The new source as one line: URL (or name), revision and hash. */
export function sourceLine(v: VersionChange): string | undefined {
  const s = v.source;
  if (s === undefined) return undefined;
  return [
    s.url ?? s.name,
    ...(s.rev !== undefined ? [`rev ${s.rev}`] : []),
    ...(s.hash !== undefined ? [s.hash] : []),
  ].join(" ");
}

export const changedInputText = (c: ChangedInput): string =>
  c.what === "version"
    ? `${c.name} ${c.from ?? "?"} → ${c.to ?? "?"}`
    : c.what === "added"
      ? `${c.name} ${c.to ?? ""} (new)`.replace("  ", " ")
      : `${c.name} (${c.what === "source" ? "source changed" : c.what === "patches" ? "patches changed" : "changed"})`;

/** One reason in words. */
export function reasonText(r: RebuildReason): string {
  switch (r.kind) {
    case "patches":
      return `patches ${[...r.added.map((p) => `+ ${p}`), ...r.removed.map((p) => `− ${p}`)].join(", ")}`;
    case "source":
      return `source ${r.from} → ${r.to}`;
    case "inputs":
      return `built from ${r.changed.map(changedInputText).join(", ")}${r.more ? " and others" : ""}`;
    case "other":
      return "its builder or other attributes changed";
  }
}

/** Why some licences were not compared, when a meta file had no entry for them; undefined when none. */
export function licencesNotComparedText(i: InstallableImpact): string | undefined {
  const n = i.licencesNotCompared;
  if (n === undefined || n === 0) return undefined;
  return `the licences of ${plural(n, "package")} were not compared: a meta file has no entry for ${n === 1 ? "it" : "them"} at one side (pass --meta-old and --meta-new made from each side's nixpkgs)`;
}

/** `openssl 3.0.14 → 3.0.15 (+ patch CVE-2024-9143.patch), 412 derivations rebuild`: the headline facts. */
export function impactSummary(i: InstallableImpact, maxVersions = 3): string {
  const moves = i.versionChanges.slice(0, maxVersions).map((v) => {
    const notes = versionNotes(v);
    return `${v.name} ${versionMove(v)}${notes.length > 0 ? ` (${notes.join(", ")})` : ""}`;
  });
  const more = i.versionChanges.length - moves.length;
  const parts = [
    ...(moves.length > 0 ? [`${moves.join(", ")}${more > 0 ? ` and ${more} more version changes` : ""}`] : []),
    ...(i.added.length > 0 ? [`${plural(i.added.length, "package")} added`] : []),
    ...(i.removed.length > 0 ? [`${plural(i.removed.length, "package")} removed`] : []),
    `${plural(i.rebuildCount, "derivation")} rebuild`,
  ];
  return parts.join(", ");
}

export const presenceText = (p: { readonly name: string; readonly versions: readonly string[] }): string =>
  `${p.name}${p.versions.some((v) => v !== "") ? ` ${p.versions.join(", ")}` : ""}`;
