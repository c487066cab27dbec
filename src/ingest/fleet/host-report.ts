import type { Closure } from "../../domain/closure/closure.js";
import type { InputIssue } from "../../domain/input-issue.js";
import { err, ok, type Result } from "../../domain/result.js";
import { parsePathInfo } from "../closure/path-info.js";
import { parseJsonDocument, withPositions } from "../json-document.js";
import { zodIssues } from "../zod-issues.js";
import { HOST_REPORT_KIND, HOST_REPORT_VERSION, HostReportSchema, type HostReportData } from "./host-report.schema.js";

const NEXT = "write the report again with `flake-audit host-report` (schemas/host-report.v1.schema.json)";

export type HostReportHeader = Omit<HostReportData, "closure" | "previous"> & {
  readonly previous?: { readonly system: string; readonly closure: Closure };
  /** The closure, when the header text still carried it (a report the byte split could not cut). */
  readonly closure?: Closure;
};

/** Says plainly that a report is of another kind or version, before listing schema details. */
function versionIssue(data: unknown, origin: string, text: string): InputIssue[] | undefined {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return undefined;
  // Checked just above to be a plain object: only its own keys are read, as unknown.
  const d = data as Record<string, unknown>;
  const at = (pointer: string, message: string): InputIssue[] =>
    withPositions(text, [{ origin, pointer, message, next: NEXT }]);
  if (d["kind"] !== HOST_REPORT_KIND)
    return at("/kind", `not a flake-audit host report (kind must be "${HOST_REPORT_KIND}")`);
  if (d["schemaVersion"] !== HOST_REPORT_VERSION)
    return at(
      "/schemaVersion",
      `host report version ${JSON.stringify(d["schemaVersion"])} is not supported; this flake-audit reads version ${HOST_REPORT_VERSION}`,
    );
  return undefined;
}

/**
 * Parses a report's header: everything but `closure`, whose value the caller passes as `null` and
 * reads on its own (see parseReportClosure). `text` is what positions refer to.
 */
export function parseHostReportHeader(text: string, origin: string): Result<HostReportHeader, InputIssue[]> {
  const doc = parseJsonDocument(text, origin, "host report");
  if (!doc.ok) return doc;
  const wrong = versionIssue(doc.value, origin, text);
  if (wrong !== undefined) return err(wrong);
  const parsed = HostReportSchema.safeParse(doc.value);
  if (!parsed.success)
    return err(
      withPositions(
        text,
        zodIssues(parsed.error, origin, "", doc.value).map((i) => ({ ...i, next: NEXT })),
      ),
    );
  const { closure, previous, ...header } = parsed.data;
  const inline = closure === null || closure === undefined ? undefined : parseInline(closure, `${origin} /closure`);
  if (inline !== undefined && !inline.ok) return inline;
  const prev = previous !== undefined ? parseInline(previous.closure, `${origin} /previous/closure`) : undefined;
  if (prev !== undefined && !prev.ok) return prev;
  return ok({
    ...header,
    ...(inline !== undefined ? { closure: inline.value } : {}),
    ...(previous !== undefined && prev !== undefined
      ? { previous: { system: previous.system, closure: prev.value } }
      : {}),
  });
}

const parseInline = (value: unknown, origin: string): Result<Closure, InputIssue[]> =>
  parsePathInfo(JSON.stringify(value), origin);

/** Parses the `closure` value of a report. */
export function parseReportClosure(text: string, origin: string): Result<Closure, InputIssue[]> {
  return parsePathInfo(text, `${origin} /closure`);
}
