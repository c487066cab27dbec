import type { z } from "zod";

/**
 * The one JSON renderer: the report parsed through its zod schema, which fixes key order, drops
 * anything the schema does not publish and guarantees that the output conforms to schemas/*.json.
 */
export const renderJson =
  <R>(schema: z.ZodType) =>
  (report: R): string =>
    `${JSON.stringify(schema.parse(report), null, 2)}\n`;
