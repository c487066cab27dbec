import type { FleetReport } from "../../domain/fleet/report.js";
import { renderJson } from "../json.js";
import { FleetReportSchema } from "./report.schema.js";
import { findingViews } from "./view.js";

const render = renderJson<unknown>(FleetReportSchema);

/** fleet --format json (schemas/fleet-report.v1.schema.json): the report with each finding's severity. */
export const renderFleetJson = (r: FleetReport): string =>
  render({ ...r, findings: findingViews(r.findings).map((v) => ({ ...v.finding, severity: v.severity })) });
