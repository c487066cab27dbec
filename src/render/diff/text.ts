import type { DiffReport } from "../../domain/diff/report.js";
import { RULES } from "../../domain/findings.js";
import { oneLine } from "../escape.js";
import { nixLineParts } from "./closure-lines.js";
import {
  closureTotal,
  countsLine,
  followsChanges,
  followsText,
  groupByKind,
  KIND_TITLES,
  pinText,
  riskOf,
  urlText,
} from "./view.js";
import { flakehubRelease } from "./flakehub.js";
import { wrapLines } from "../wrap.js";
import { impactTextLines } from "./impact-text.js";

const ANSI = {
  red: "\u001b[31m",
  green: "\u001b[32m",
  yellow: "\u001b[33m",
  bold: "\u001b[1m",
  dim: "\u001b[2m",
  reset: "\u001b[0m",
} as const;

/** Text in the wording of `nix flake update`, grouped by kind; colour only when asked. */
const text = (v: string | number): string => oneLine(String(v));
const dayCount = (d: number): string => `${Math.abs(d)} day${Math.abs(d) === 1 ? "" : "s"}`;

/** `with 14 follows: aquamarine → 'aquamarine', …`, paths relative to the entry. */
function subtreeLine(input: string, follows: NonNullable<DiffReport["changes"][number]["subtreeFollows"]>): string {
  const items = follows.map(
    (f) => `${oneLine(f.input.slice(input.length + 1))} ${followsText(f.follows, (t) => `'${oneLine(t)}'`)}`,
  );
  return `with ${follows.length} follows: ${items.join(", ")}`;
}

export function renderDiffText(r: DiffReport, opts: { readonly color: boolean; readonly width?: number }): string {
  const c = (code: keyof typeof ANSI, s: string): string => (opts.color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const out: string[] = [];
  // The closure's lines are Nix's own and stay unwrapped, so that they compare line for line.
  const nixLines = new Set<number>();
  if (r.findings.length > 0) {
    out.push(c("bold", `Findings (${r.findings.length}):`));
    for (const f of r.findings)
      out.push(
        `  ${c(f.severity === "high" ? "red" : "yellow", f.severity.toUpperCase())} ${f.rule} '${oneLine(f.input)}': ${oneLine(f.message)}`,
        c("dim", `    what to do: ${RULES[f.rule].fix}`),
      );
    out.push("");
  }
  for (const [kind, changes] of groupByKind(r)) {
    out.push(c("bold", `${KIND_TITLES[kind]} (${changes.length}):`));
    for (const ch of changes) {
      const risk = riskOf(r, ch.input);
      const mark =
        risk === "high" || risk === "medium" ? ` ${c(risk === "high" ? "red" : "yellow", `[${risk} risk]`)}` : "";
      const verb = kind === "added" ? "Added" : kind === "removed" ? "Removed" : "Updated";
      out.push(`• ${verb} input '${oneLine(ch.input)}':${mark}`);
      const q = (s: DiffReport["changes"][number]["old"]): string =>
        s?.follows !== undefined ? oneLine(pinText(s)) : `'${oneLine(pinText(s))}'`;
      if (ch.old !== undefined && ch.new !== undefined) out.push(`    ${q(ch.old)}`, `  → ${q(ch.new)}`);
      else out.push(`    ${q(ch.new ?? ch.old)}`);
      const u = ch.upstream;
      if (u !== undefined)
        out.push(
          // Compare facts can come back from the cache unvalidated: every field is printed as untrusted text.
          `    ${text(u.status)}: ${text(u.aheadBy)} ahead, ${text(u.behindBy)} behind, ${text(u.totalCommits)} commit${u.totalCommits === 1 ? "" : "s"}; ${oneLine(u.compareUrl)}`,
        );
      if (ch.subtreeSources !== undefined)
        out.push(
          `    with ${ch.subtreeSources.length} input${ch.subtreeSources.length === 1 ? "" : "s"}: ${ch.subtreeSources.map((s) => `${oneLine(s.input.slice(ch.input.length + 1))} '${oneLine(urlText(s.url))}'`).join(", ")}`,
        );
      if (ch.subtreeFollows !== undefined) out.push(`    ${subtreeLine(ch.input, ch.subtreeFollows)}`);
      // A FlakeHub pin already names its release on both sides.
      if (ch.release !== undefined && !(flakehubRelease(ch.old) && flakehubRelease(ch.new)))
        out.push(`    version ${oneLine(ch.release.from)} → ${oneLine(ch.release.to)}`);
      if (ch.refMove !== undefined)
        out.push(`    ref '${oneLine(ch.refMove.from)}' → '${oneLine(ch.refMove.to)}' (${ch.refMove.move})`);
      const a = ch.age;
      if (a?.betweenDays !== undefined && a.newDays !== undefined)
        out.push(
          c(
            "dim",
            `    ${dayCount(a.betweenDays)} ${a.betweenDays >= 0 ? "newer" : "older"}; the new pin is ${a.newDays >= 0 ? `${dayCount(a.newDays)} old` : `dated ${dayCount(a.newDays)} in the future`}`,
          ),
        );
    }
    out.push("");
  }
  const follows = followsChanges(r);
  if (follows.length > 0) {
    // Bookkeeping: one line each, after the sources, so it does not drown them.
    out.push(c("bold", `Follows (${follows.length}):`));
    for (const ch of follows) {
      const side = (s: DiffReport["changes"][number]["old"]): string =>
        followsText(s?.follows ?? "", (t) => `'${oneLine(t)}'`);
      const what =
        ch.old !== undefined && ch.new !== undefined
          ? `${side(ch.old)} → ${side(ch.new)}`
          : `${ch.kind} (${side(ch.new ?? ch.old)})`;
      out.push(`  '${oneLine(ch.input)}': ${what}`);
    }
    out.push("");
  }
  if (r.closure !== undefined) {
    // The lines are Nix's own (`nix store diff-closures`), unindented, so they compare line for line.
    out.push(c("bold", `Closure (${closureTotal(r.closure)}):`));
    for (const p of r.closure.packages) {
      if (!p.shownByNix) continue;
      const { versions, size } = nixLineParts(p);
      const sized = size !== undefined ? c(p.sizeDelta > 0 ? "red" : "green", size) : undefined;
      nixLines.add(out.length);
      out.push(
        `${oneLine(p.name)}: ${[versions !== undefined ? oneLine(versions) : undefined, sized].filter((x) => x !== undefined).join(", ")}`,
      );
    }
    out.push("");
  }
  if (r.impact !== undefined) out.push(...impactTextLines(r, r.impact, (s) => c("bold", s)));
  out.push(
    countsLine(r) + (r.lockOnly ? " (lock-only: no upstream facts)" : r.offline ? " (offline: cache only)" : ""),
  );
  for (const g of r.gaps)
    out.push(`could not learn: ${g.input !== undefined ? `'${oneLine(g.input)}': ` : ""}${oneLine(g.reason)}`);
  return `${wrapLines(out, opts.width, (i) => nixLines.has(i)).join("\n")}\n`;
}
