import type { InputIssue } from "../../domain/input-issue.js";
import type { Result } from "../../domain/result.js";
import { parseStructuredDocument, validateDocument } from "../structured-document.js";
import { FleetFileSchema, type FleetFileData } from "./fleet-file.schema.js";

const NEXT = "fix the fleet file; schemas/fleet.v1.schema.json gives editors completion and checks";

/**
 * Parses a JSON or YAML fleet file with the policy's guards (nesting, aliases, duplicate keys),
 * reporting every problem at once with its line:column.
 */
export function parseFleetFile(text: string, origin: string): Result<FleetFileData, InputIssue[]> {
  const doc = parseStructuredDocument(text, origin, { what: "fleet file", next: NEXT });
  return doc.ok ? validateDocument(FleetFileSchema, doc.value, origin, NEXT) : doc;
}
