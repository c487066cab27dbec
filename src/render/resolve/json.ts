import type { ResolveReport } from "../../domain/provenance/report.js";
import { ResolveReportSchema } from "../json.schema.js";

/** The resolve report as JSON; parsing through the schema fixes key order and guarantees conformance. */
export const renderResolveJson = (report: ResolveReport): string => `${JSON.stringify(ResolveReportSchema.parse(report), null, 2)}\n`;
