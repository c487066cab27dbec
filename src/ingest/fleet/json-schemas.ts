import { z } from "zod";
import { FleetFileSchema } from "./fleet-file.schema.js";
import { HostReportSchema } from "./host-report.schema.js";

/** JSON Schemas of the fleet file and the host report (inputs of `fleet`), generated from zod. */
export function fleetJsonSchemas(idBase: string): Record<string, object> {
  const gen = (schema: z.ZodType, file: string, title: string): [string, object] => [
    file,
    { ...z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }), $id: `${idBase}${file}`, title },
  ];
  return Object.fromEntries([
    gen(FleetFileSchema, "fleet.v1.schema.json", "flake-audit fleet file"),
    gen(HostReportSchema, "host-report.v1.schema.json", "flake-audit host-report output"),
  ]);
}
