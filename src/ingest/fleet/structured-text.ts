import { LineCounter, parseDocument } from "yaml";
import type { InputIssue } from "../../domain/input-issue.js";
import { err, ok, type Result } from "../../domain/result.js";
import { withPositions } from "../json-document.js";
import { findSyntaxError, positionAt } from "../json-locate.js";

/** A parsed JSON or YAML document, and a way to give issues (by JSON pointer) their line:column. */
export interface StructuredText {
  readonly data: unknown;
  readonly locate: (issues: InputIssue[]) => InputIssue[];
}

const tokensOf = (pointer: string): Array<string | number> =>
  pointer
    .split("/")
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, "/").replace(/~0/g, "~")));

/** Parses JSON (text starting with `{`/`[` or a .json name) or YAML, with positions for syntax errors. */
export function parseStructuredText(text: string, origin: string, next: string): Result<StructuredText, InputIssue[]> {
  if (/^\s*[{[]/.test(text) || origin.endsWith(".json")) {
    try {
      const data = JSON.parse(text) as unknown;
      return ok({ data, locate: (issues) => withPositions(text, issues) });
    } catch {
      const e = findSyntaxError(text) ?? { offset: 0, message: "not valid JSON" };
      const position = positionAt(text, e.offset);
      return err([{ origin, pointer: "", position, message: `invalid JSON: ${e.message}`, next }]);
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0)
    return err(
      doc.errors.map((e) => ({
        origin,
        pointer: "",
        position: pos(e.pos[0]),
        message: `invalid YAML: ${e.message.split("\n")[0]}`,
        next,
      })),
    );
  const locate = (issues: InputIssue[]): InputIssue[] =>
    issues.map((i) => {
      const path = tokensOf(i.pointer);
      // Node ranges are what the yaml library gives; its types say unknown for getIn(…, true).
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      const parent = doc.getIn(path.slice(0, -1), true) as { range?: [number, number, number] } | undefined;
      const at = node?.range?.[0] ?? parent?.range?.[0];
      return at !== undefined ? { ...i, position: pos(at) } : i;
    });
  return ok({ data: doc.toJS({ maxAliasCount: 100 }) ?? {}, locate });
}
