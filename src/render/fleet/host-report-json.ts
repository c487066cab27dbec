import type { HostReport } from "../../domain/fleet/host-report.js";

export const HOST_REPORT_SCHEMA_URL = "https://flake-audit.invalid/schemas/host-report.v1.schema.json";

/**
 * The host report as JSON (schemas/host-report.v1.schema.json). The closure is spliced in as nix
 * printed it (it was parsed and checked on the way in) and comes last, so that `fleet --reports`
 * recognises identical closures by their bytes.
 */
export function renderHostReport(r: HostReport): string {
  const head = {
    $schema: HOST_REPORT_SCHEMA_URL,
    kind: "flake-audit-host-report",
    schemaVersion: 1,
    tool: { name: r.tool.name, version: r.tool.version },
    host: r.host,
    ...(r.collectedAt !== undefined ? { collectedAt: r.collectedAt } : {}),
    system: r.system,
    ...(r.generation !== undefined ? { generation: r.generation } : {}),
    generations: r.generations.map((g) => ({
      number: g.number,
      path: g.path,
      ...(g.date !== undefined ? { date: g.date } : {}),
    })),
  };
  const text = JSON.stringify(head).slice(0, -1);
  const previous =
    r.previous !== undefined
      ? `,"previous":{"system":${JSON.stringify(r.previous.system)},"closure":${r.previous.closureJson}}`
      : "";
  return `${text}${previous},"closure":${r.closureJson}}\n`;
}
