import type { TraceReport } from "../../domain/closure/trace-report.js";
import { TraceReportSchema } from "../json.schema.js";

/** The trace report as JSON; parsing through the schema fixes key order and guarantees conformance. */
export const renderTraceJson = (report: TraceReport): string => `${JSON.stringify(TraceReportSchema.parse(report), null, 2)}\n`;
