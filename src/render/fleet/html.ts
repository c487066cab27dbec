import { FLEET_FINDINGS } from "../../domain/fleet/findings.js";
import type { FleetReport } from "../../domain/fleet/report.js";
import { code, h } from "../html/escape.js";
import { renderPage } from "../html/page.js";
import {
  CHUNK_ROWS,
  chunked,
  counts,
  gapList,
  section,
  severityBadge,
  stateLabel,
  table,
  type Html,
} from "../html/parts.js";
import { hostCard, timeline } from "./html-hosts.js";
import { approvalText, findingViews } from "./view.js";

function findingsSection(r: FleetReport): Html {
  const views = findingViews(r.findings);
  if (views.length === 0) return section("findings", "Findings", "<p>No findings.</p>");
  const rows = views.map((v) => [severityBadge(v.severity), h(v.finding.kind), code(v.finding.host), h(v.text)]);
  const kinds = [...new Set(views.map((v) => v.finding.kind))].map(
    (k) => `<li><strong>${h(k)}</strong>: ${h(FLEET_FINDINGS[k].why)} ${h(FLEET_FINDINGS[k].fix)}</li>`,
  );
  return section(
    "findings",
    "Findings",
    `${table("Fleet findings", ["severity", "kind", "host", "finding"], rows, { rowClass: "finding" })}\n<ul>${kinds.join("\n")}</ul>`,
  );
}

/** fleet --format html: a host grid by state, systems grouped, generation timelines, findings. */
export function renderFleetHtml(r: FleetReport): string {
  const t = r.totals;
  const lead = [
    r.approvedLock !== undefined
      ? `<p>Approved lock: ${code(r.approvedLock.path)}.</p>`
      : "<p>No approved lock given.</p>",
    counts([
      ["hosts", t.hosts, "hosts"],
      ["read", t.read, "read"],
      ["not-read", t.gaps, "not read"],
      ["systems", t.distinctSystems, "distinct systems"],
      ["paths", t.distinctPaths, "distinct paths"],
      ["untrusted", t.untrustedPaths, "untrusted"],
      ["unsigned", t.unsignedPaths, "unsigned"],
      ["invalid", t.invalidPaths, "invalid signatures"],
      ["findings", r.findings.length, "findings"],
    ]),
  ].join("\n");
  const groupRows = r.groups.map((g) => [
    code(g.system),
    g.approved === null
      ? stateLabel("none", approvalText(null))
      : g.approved
        ? stateLabel("ok", "approved")
        : stateLabel("bad", "not approved"),
    g.hosts.map(code).join(", "),
  ]);
  const timelines = r.hosts.map(timeline).filter((x) => x !== "");
  // A fleet of hundreds of hosts: cards and timelines off the screen are not laid out (parts.ts chunks).
  const many = r.hosts.length > CHUNK_ROWS ? " many" : "";
  const body = [
    section("hosts", "Hosts", `<ul class="hosts${many}">\n${r.hosts.map(hostCard).join("\n")}\n</ul>`),
    section(
      "systems",
      "Systems",
      table("Hosts by system", ["system", "approval", "hosts"], groupRows, { rowClass: "system" }),
    ),
    timelines.length > 0 ? section("generations", "Generations", chunked(timelines)) : "",
    findingsSection(r),
    gapList(r.gaps),
  ];
  return renderPage({ title: "Fleet", lead, body: body.filter((b) => b !== "").join("\n"), tool: r.tool });
}
