import { FLEET_FINDINGS } from "../../domain/fleet/findings.js";
import type { FleetReport, HostEntry } from "../../domain/fleet/report.js";
import { cellCode, code, escapeMarkdown } from "../escape.js";
import {
  approvalText,
  changeSummary,
  findingViews,
  generationText,
  malformedSignatures,
  pathsWord,
  signatureSummary,
} from "./view.js";

/** The signatures cell: verdict counts, then the paths whose signatures are malformed. */
function signatureCell(h: HostEntry): string {
  const counts = escapeMarkdown(signatureSummary(h) || "–");
  const bad = malformedSignatures(h);
  if (bad === undefined) return counts;
  const more = bad.count > bad.examples.length ? ", …" : "";
  return `${counts}<br>malformed signatures on ${pathsWord(bad.count)}: ${bad.examples.map(cellCode).join(", ")}${more}`;
}

function hostRow(h: HostEntry): string {
  if (h.status !== "ok") return `| ${cellCode(h.name)} | **not read**: ${escapeMarkdown(h.reason ?? "")} | | | | |`;
  const inputs = h.inputs.map((i) => `${cellCode(i.input)} ${cellCode(i.rev?.slice(0, 12) ?? "no rev")}`).join("<br>");
  const cells = [
    cellCode(h.name),
    cellCode(h.system ?? ""),
    escapeMarkdown(generationText(h)),
    approvalText(h.approved),
    inputs || "–",
    signatureCell(h),
  ];
  return `| ${cells.join(" | ")} |`;
}

function changes(h: HostEntry): string[] {
  const out: string[] = [];
  if (h.drift !== undefined)
    out.push(`- ${code(h.name)} drift from approved: ${escapeMarkdown(changeSummary(h.drift))}`);
  if (h.lastChange !== undefined)
    out.push(`- ${code(h.name)} last generation change: ${escapeMarkdown(changeSummary(h.lastChange))}`);
  return out;
}

/** Markdown for issues and PR comments; every outside string is escaped or in a code span. */
export function renderFleetMarkdown(r: FleetReport): string {
  const t = r.totals;
  const out = [
    "### flake-audit fleet",
    "",
    `${t.hosts} hosts, ${t.read} read, ${t.gaps} not read; ${t.distinctSystems} distinct systems; ${t.distinctPaths} distinct paths (${t.untrustedPaths} untrusted, ${t.unsignedPaths} unsigned, ${t.invalidPaths} with an invalid signature).`,
    "",
  ];
  if (r.approvedLock !== undefined) out.push(`Approved lock: ${code(r.approvedLock.path)}.`, "");
  out.push("| system | approval | hosts |", "|---|---|---|");
  for (const g of r.groups)
    out.push(`| ${cellCode(g.system)} | ${approvalText(g.approved)} | ${g.hosts.map((h) => cellCode(h)).join(", ")} |`);
  out.push("", "| host | system | generation | approval | inputs | signatures |", "|---|---|---|---|---|---|");
  out.push(...r.hosts.map(hostRow), "");
  const changeLines = r.hosts.flatMap(changes);
  if (changeLines.length > 0) out.push("#### Changes", "", ...changeLines, "");
  const views = findingViews(r.findings);
  if (views.length > 0) {
    out.push("#### Findings", "", "| severity | kind | host | finding |", "|---|---|---|---|");
    for (const v of views)
      out.push(`| ${v.severity} | ${v.finding.kind} | ${cellCode(v.finding.host)} | ${escapeMarkdown(v.text)} |`);
    out.push("");
    for (const kind of [...new Set(views.map((v) => v.finding.kind))])
      out.push(`- **${kind}**: ${FLEET_FINDINGS[kind].why} ${FLEET_FINDINGS[kind].fix}`);
    out.push("");
  } else out.push("No findings.", "");
  for (const g of r.gaps) out.push(`- could not learn: ${escapeMarkdown(g.reason)}`);
  return `${out.join("\n").trimEnd()}\n`;
}
