import type { DiffReport } from "../../domain/diff/report.js";
import { failedSideText, type ImpactSection, type InstallableImpact } from "../../domain/impact/model.js";
import { oneLine } from "../escape.js";
import {
  impactSummary,
  licencesNotComparedText,
  lockMoves,
  presenceText,
  reasonText,
  sourceLine,
  versionMove,
  versionNotes,
} from "./impact-view.js";

/** A terminal shows this many entries per list; JSON has them all. */
export const TEXT_LIST_LIMIT = 100;

function list<T>(out: string[], title: string, items: readonly T[], line: (t: T) => string[]): void {
  if (items.length === 0) return;
  out.push(`    ${title} (${items.length}):`);
  for (const t of items.slice(0, TEXT_LIST_LIMIT))
    out.push(...line(t).map((l, i) => `${i === 0 ? "      " : "        "}${l}`));
  if (items.length > TEXT_LIST_LIMIT)
    out.push(`      … and ${items.length - TEXT_LIST_LIMIT} more (--format json lists them all)`);
}

function installableLines(i: InstallableImpact, out: string[]): void {
  out.push(`• ${oneLine(i.installable)}: ${oneLine(impactSummary(i, 0))}`);
  list(out, "version changes", i.versionChanges, (v) => {
    const notes = versionNotes(v);
    const src = sourceLine(v);
    return [
      `${oneLine(v.name)} ${oneLine(versionMove(v))}${notes.length > 0 ? ` (${oneLine(notes.join(", "))})` : ""}`,
      ...(src !== undefined ? [`source ${oneLine(src)}`] : []),
    ];
  });
  list(out, "added", i.added, (p) => [oneLine(presenceText(p))]);
  list(out, "removed", i.removed, (p) => [oneLine(presenceText(p))]);
  list(out, "rebuilt at the same version", i.rebuilt, (b) => [
    `${oneLine(presenceText({ name: b.name, versions: [b.version] }))}: ${oneLine(b.reasons.map(reasonText).join("; "))}`,
  ]);
  const notCompared = licencesNotComparedText(i);
  if (notCompared !== undefined) out.push(`    ${notCompared}`);
  if (i.licences !== undefined)
    list(out, "licence changes", i.licences, (l) => [
      `${oneLine(l.name)} ${oneLine(l.version)}: ${oneLine(l.from.join(" AND ") || "none")} → ${oneLine(l.to.join(" AND ") || "none")}${l.unfree.length > 0 ? ` (unfree: ${oneLine(l.unfree.join(", "))})` : ""}`,
    ]);
}

/** The impact section of a text diff: the lock moves that caused it, then one block per installable. */
export function impactTextLines(r: DiffReport, impact: ImpactSection, bold: (s: string) => string): string[] {
  const moves = lockMoves(r);
  const out = [
    bold(
      `Impact${moves.length > 0 ? ` of ${oneLine(moves.join(", "))}` : ""} (${oneLine(impact.old)} → ${oneLine(impact.new)}, evaluated, not built):`,
    ),
  ];
  for (const i of impact.installables) {
    if (i.status === "compared") installableLines(i, out);
    else
      out.push(`• ${oneLine(i.installable)}: could not evaluate at the ${failedSideText(i.side)}: ${oneLine(i.error)}`);
  }
  if (impact.licenceGap !== undefined)
    out.push(
      `licence changes not compared: ${oneLine(impact.licenceGap.reason)} (pass ${impact.licenceGap.options.join(" and ")})`,
    );
  out.push("");
  return out;
}
