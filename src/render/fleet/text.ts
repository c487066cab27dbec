import type { FleetReport, HostEntry } from "../../domain/fleet/report.js";
import { oneLine } from "../escape.js";
import {
  approvalText,
  changeSummary,
  findingViews,
  generationText,
  malformedSignatures,
  pathsWord,
  signatureSummary,
} from "./view.js";
import { wrapLines } from "../wrap.js";

const s = oneLine;

function hostLines(h: HostEntry): string[] {
  if (h.status !== "ok") return [`  ${s(h.name)}  UNREACHABLE: ${s(h.reason ?? "")}`];
  const out = [`  ${s(h.name)}  ${s(generationText(h))}  ${s(h.system ?? "")}`];
  if (h.approved !== null)
    out.push(`    ${approvalText(h.approved)}${h.approved ? "" : `; approved is ${s(h.expectedSystem ?? "")}`}`);
  for (const i of h.inputs)
    out.push(
      `    input ${s(i.input)} ${s(i.rev?.slice(0, 12) ?? "(no rev)")}${i.lastModified !== undefined ? ` of ${s(i.lastModified.slice(0, 10))}` : ""}${i.approved ? "" : ` (only in ${s(i.lock)})`}`,
    );
  out.push(`    signatures: ${signatureSummary(h) || "no paths"} (${h.paths} paths)`);
  const bad = malformedSignatures(h);
  if (bad !== undefined) {
    const more = bad.count > bad.examples.length ? ", …" : "";
    out.push(`    malformed signatures on ${pathsWord(bad.count)}: ${bad.examples.map(s).join(", ")}${more}`);
  }
  if (h.drift !== undefined) out.push(`    drift from approved: ${s(changeSummary(h.drift))}`);
  if (h.lastChange !== undefined) out.push(`    last change: ${s(changeSummary(h.lastChange))}`);
  return out;
}

/** Plain text for terminals; every string from outside is stripped of control characters. */
export function renderFleetText(r: FleetReport, opts: { readonly width?: number } = {}): string {
  const t = r.totals;
  const out = [
    `flake-audit fleet: ${t.hosts} hosts, ${t.read} read, ${t.gaps} not read; ${t.distinctSystems} distinct systems`,
  ];
  if (r.approvedLock !== undefined)
    out.push(
      `approved lock: ${s(r.approvedLock.path)}${r.approvedLock.nixpkgsRev !== undefined ? ` (nixpkgs ${s(r.approvedLock.nixpkgsRev.slice(0, 12))})` : ""}`,
    );
  out.push(`trusted keys: ${r.trustedKeys.length > 0 ? r.trustedKeys.map(s).join(", ") : "none"}`, "", "Systems");
  for (const g of r.groups) out.push(`  ${s(g.system)}  ${approvalText(g.approved)}  ${g.hosts.map(s).join(", ")}`);
  out.push("", "Hosts", ...r.hosts.flatMap(hostLines), "");
  const views = findingViews(r.findings);
  out.push(views.length > 0 ? "Findings" : "No findings.");
  for (const v of views)
    out.push(`  ${v.severity.padEnd(6)} ${v.finding.kind.padEnd(17)} ${s(v.finding.host)}: ${s(v.text)}`);
  out.push(
    "",
    `Paths: ${t.distinctPaths} distinct; ${t.untrustedPaths} untrusted, ${t.unsignedPaths} unsigned, ${t.invalidPaths} with an invalid signature`,
  );
  for (const g of r.gaps) out.push(`could not learn: ${s(g.reason)}`);
  return `${wrapLines(out, opts.width).join("\n")}\n`;
}
