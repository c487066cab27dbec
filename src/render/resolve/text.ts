import type { Finding } from "../../domain/findings.js";
import type { ResolvedEntry, ResolveReport } from "../../domain/provenance/report.js";
import { oneLine } from "../escape.js";
import { groupFindings } from "../finding-groups.js";
import { wrapLines } from "../wrap.js";

const sig = (e: ResolvedEntry): string => {
  const s = e.upstream?.commit?.signature;
  return s === undefined
    ? ""
    : s.state === "verified"
      ? "signed (verified)"
      : s.state === "unsigned"
        ? "unsigned"
        : `signature not verified (${oneLine(String(s.reason))})`;
};

function entryLines(e: ResolvedEntry): string[] {
  const head = `${oneLine(e.input)} [${e.status}]`;
  if (e.upstream === undefined) return [`${head}: ${oneLine(e.reason ?? "")}`];
  const u = e.upstream;
  const c = u.commit;
  const lines = [
    `${head} ${oneLine(u.repository)}${u.renamedFrom !== undefined ? ` (locked as ${oneLine(u.renamedFrom)})` : ""} @ ${oneLine(e.rev?.slice(0, 12) ?? "")}`,
  ];
  if (c !== undefined)
    lines.push(
      `    ${oneLine(c.messageHeadline)}`,
      `    committed ${oneLine(c.committedDate)} by ${oneLine(c.committerName ?? "?")}, authored by ${oneLine(c.authorName ?? "?")}; ${sig(e)}`,
    );
  if (u.reachable !== undefined)
    lines.push(
      `    ${u.reachable.contained ? "on" : "NOT on"} '${oneLine(u.reachable.ref)}' (${oneLine(u.reachable.status)})`,
    );
  lines.push(
    `    license ${oneLine(u.license ?? "none detected")}${u.archived ? ", archived" : ""}${u.fork ? `, fork${u.parent !== undefined ? ` of ${oneLine(u.parent)}` : ""}` : ""}`,
  );
  return lines;
}

/** Plain text for a terminal; upstream text passes stripControls. */
export function renderResolveText(r: ResolveReport, opts: { readonly width?: number } = {}): string {
  const out: string[] = [];
  if (r.findings.length > 0) {
    out.push(`findings (${r.findings.length}):`);
    const paths = new Map(r.inputs.map((e) => [e.input, e.inputPaths]));
    const line = (f: Finding): string => {
      const also = (paths.get(f.input) ?? []).filter((p) => p !== f.input);
      return `${oneLine(f.input)}: ${oneLine(f.message)}${also.length > 0 ? ` (also reached as ${also.map(oneLine).join(", ")})` : ""}`;
    };
    // By rule, what to do said once; transitive inputs under the root input that brings them.
    for (const g of groupFindings(r.findings)) {
      out.push(`  ${g.severity.toUpperCase()} ${g.rule} (${g.count})`, `    what to do: ${g.fix}`);
      for (const root of g.roots) {
        for (const f of root.own) out.push(`    ${line(f)}`);
        if (root.transitive.length > 0 && root.own.length === 0) out.push(`    through ${oneLine(root.root)}:`);
        for (const f of root.transitive) out.push(`      ${line(f)}`);
      }
    }
    out.push("");
  }
  for (const e of r.inputs) out.push(...entryLines(e));
  const counts = ["resolved", "not-found", "unsupported", "failed"]
    .map((s) => `${r.inputs.filter((e) => e.status === s).length} ${s}`)
    .join(", ");
  out.push(
    "",
    `${counts}; ${r.requests} request${r.requests === 1 ? "" : "s"} to GitHub${r.offline ? " (offline: cache only)" : ""}`,
  );
  for (const g of r.gaps)
    out.push(`could not learn: ${g.input !== undefined ? `${oneLine(g.input)}: ` : ""}${oneLine(g.reason)}`);
  return `${wrapLines(out, opts.width).join("\n")}\n`;
}
