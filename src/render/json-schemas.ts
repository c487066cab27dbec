import { z } from "zod";
import { CheckReportSchema } from "./check/report.schema.js";
import { DiffReportSchema } from "./diff/report.schema.js";
import { ResolveReportSchema } from "./resolve/report.schema.js";
import { TraceReportSchema } from "./trace/report.schema.js";
import { FleetReportSchema } from "./fleet/report.schema.js";
import { VerifyReportSchema } from "./verify/report.schema.js";

// Relative: each schema's $id is its own file name, resolved against wherever it is read from (the
// package's schemas/, a checkout, the repository's raw files once published), never a made-up host.
const ID_BASE = "";

/** JSON Schemas of the JSON outputs, generated from the zod report schemas (schemas/*.schema.json). */
export function outputJsonSchemas(): Record<string, object> {
  const gen = (schema: z.ZodType, file: string, title: string): [string, object] => [
    file,
    { ...z.toJSONSchema(schema, { target: "draft-2020-12" }), $id: `${ID_BASE}${file}`, title },
  ];
  return Object.fromEntries([
    gen(TraceReportSchema, "trace.v1.schema.json", "flake-audit trace --format json"),
    gen(ResolveReportSchema, "resolve.v1.schema.json", "flake-audit resolve --format json"),
    gen(DiffReportSchema, "lock-diff.v1.schema.json", "flake-audit diff --format json"),
    gen(CheckReportSchema, "check-report.v1.schema.json", "flake-audit check --format json"),
    gen(FleetReportSchema, "fleet-report.v1.schema.json", "flake-audit fleet --format json"),
    gen(VerifyReportSchema, "verify-report.v1.schema.json", "flake-audit verify --format json"),
  ]);
}
