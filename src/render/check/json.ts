import type { CheckReport } from "../../domain/policy/report.js";
import { CheckReportSchema } from "../json.schema.js";

/** The check report as JSON; parsing through the schema fixes key order and guarantees conformance. */
export const renderCheckJson = (report: CheckReport): string => `${JSON.stringify(CheckReportSchema.parse(report), null, 2)}\n`;
