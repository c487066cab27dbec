import type { InputIssue } from "../../domain/input-issue.js";
import { err, ok, type Result } from "../../domain/result.js";
import { zodIssues } from "../zod-issues.js";
import { FleetFileSchema, type FleetFileData } from "./fleet-file.schema.js";
import { parseStructuredText } from "./structured-text.js";

const NEXT = "fix the fleet file; schemas/fleet.v1.schema.json gives editors completion and checks";

/** Parses a JSON or YAML fleet file, reporting every problem at once with its line:column. */
export function parseFleetFile(text: string, origin: string): Result<FleetFileData, InputIssue[]> {
  const doc = parseStructuredText(text, origin, NEXT);
  if (!doc.ok) return doc;
  const parsed = FleetFileSchema.safeParse(doc.value.data);
  if (parsed.success) return ok(parsed.data);
  return err(doc.value.locate(zodIssues(parsed.error, origin, "", doc.value.data).map((i) => ({ ...i, next: NEXT }))));
}
