import type { DiffReport } from "../../domain/diff/report.js";
import { DiffReportSchema } from "../json.schema.js";

/** The diff report as JSON; parsing through the schema fixes key order and guarantees conformance. */
export const renderDiffJson = (report: DiffReport): string => `${JSON.stringify(DiffReportSchema.parse(report), null, 2)}\n`;
