import type { Finding } from "../../domain/findings.js";
import type { ResolveReport } from "../../domain/provenance/report.js";
import { cellCode, code, escapeMarkdown } from "../escape.js";
import { groupFindings } from "../finding-groups.js";

/** Markdown for a PR or an issue; commit messages and names from upstream are escaped. */
export function renderResolveMarkdown(r: ResolveReport): string {
  const out = ["### Upstream provenance", ""];
  const paths = new Map(r.inputs.map((e) => [e.input, e.inputPaths]));
  const item = (f: Finding): string => {
    const also = (paths.get(f.input) ?? []).filter((p) => p !== f.input);
    return `${code(f.input)}: ${escapeMarkdown(f.message)}${also.length > 0 ? `; also reached as ${also.map((p) => code(p)).join(", ")}` : ""}`;
  };
  // By rule, why and what to do said once; transitive inputs nested under the root input that brings them.
  for (const g of groupFindings(r.findings)) {
    out.push(`#### ${g.severity.toUpperCase()} · ${g.rule} (${g.count})`, "", `${g.why} **What to do:** ${g.fix}`, "");
    for (const root of g.roots) {
      for (const f of root.own) out.push(`- ${item(f)}`);
      if (root.transitive.length > 0 && root.own.length === 0) out.push(`- through ${code(root.root)}`);
      for (const f of root.transitive) out.push(`  - ${item(f)}`);
    }
    out.push("");
  }
  out.push(
    "| input | status | repository | commit | committed | signature | on ref | license |",
    "|---|---|---|---|---|---|---|---|",
  );
  for (const e of r.inputs) {
    const u = e.upstream;
    const c = u?.commit;
    const sig =
      c === undefined
        ? "–"
        : c.signature.state === "unverified"
          ? `unverified (${escapeMarkdown(c.signature.reason)})`
          : escapeMarkdown(String(c.signature.state));
    const reach =
      u?.reachable === undefined ? "–" : `${u.reachable.contained ? "yes" : "**no**"} (${cellCode(u.reachable.ref)})`;
    const repo =
      u === undefined
        ? escapeMarkdown(e.reason ?? "")
        : `${escapeMarkdown(u.repository)}${u.renamedFrom !== undefined ? ` (was ${escapeMarkdown(u.renamedFrom)})` : ""}${u.archived ? ", archived" : ""}${u.fork ? ", fork" : ""}`;
    const commit = c === undefined ? "–" : `${cellCode(c.sha.slice(0, 12))} ${escapeMarkdown(c.messageHeadline)}`;
    out.push(
      `| ${cellCode(e.input)} | ${e.status} | ${repo} | ${commit} | ${escapeMarkdown(c?.committedDate.slice(0, 10) ?? "–")} | ${sig} | ${reach} | ${escapeMarkdown(u?.license ?? "–")} |`,
    );
  }
  out.push(
    "",
    `${r.requests} request${r.requests === 1 ? "" : "s"} to GitHub${r.offline ? " (offline: cache only)" : ""}.`,
  );
  for (const g of r.gaps)
    out.push(`- could not learn: ${escapeMarkdown(`${g.input !== undefined ? `${g.input}: ` : ""}${g.reason}`)}`);
  return `${out.join("\n")}\n`;
}
