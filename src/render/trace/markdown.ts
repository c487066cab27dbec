import type { InputFacts } from "../../domain/lock/input-facts.js";
import type { TraceReport } from "../../domain/closure/trace-report.js";
import { cellCode, code, escapeMarkdown } from "../escape.js";

function inputRow(f: InputFacts): string {
  const cells = [
    cellCode(f.input),
    escapeMarkdown(f.inputPaths.filter((p) => p !== f.input).join(", ")) || "–",
    escapeMarkdown(f.type),
    cellCode(f.url),
    f.rev !== undefined ? cellCode(f.rev.slice(0, 12)) : "–",
    escapeMarkdown(f.lastModified?.slice(0, 10) ?? "–"),
  ];
  return `| ${cells.join(" | ")} |`;
}

const TABLE_HEAD =
  "| input | also reached as | type | locked reference | rev | last modified |\n|---|---|---|---|---|---|";

/** Markdown for issues and PR comments; every untrusted string is escaped or in a safe code span. */
export function renderTraceMarkdown(r: TraceReport): string {
  const out = [`### Trace of ${code(r.path)}`, ""];
  const verdict =
    r.attribution === "source"
      ? "This path **is the source of a locked input**."
      : r.attribution === "build"
        ? "This path was **built from, or embeds, locked inputs**."
        : r.attribution === "unknown"
          ? "Whether this path comes from a locked input **cannot be told** from the data given (see below)."
          : "This path is **not from any locked input**.";
  out.push(verdict, "");
  if (r.deriver !== undefined) out.push(`Built by ${code(r.deriver)}.`, "");
  if (r.inputs.length > 0) out.push(TABLE_HEAD, ...r.inputs.map(inputRow), "");
  if (r.sources.length > 0) {
    out.push("| source path | how | distance | inputs |", "|---|---|---|---|");
    for (const s of r.sources)
      out.push(
        `| ${cellCode(s.path)} | ${s.via === "derivation" ? "read by the build" : "run-time reference"} | ${s.depth} | ${s.inputs.map((f) => cellCode(f.input)).join(", ")} |`,
      );
    out.push("");
  }
  if (r.nearestAttributed !== undefined)
    out.push(
      `Nearest ancestor from a locked input: ${code(r.nearestAttributed.path)} (${r.nearestAttributed.inputs.map((f) => code(f.input)).join(", ")}).`,
      "",
    );
  for (const n of r.notes) out.push(`> ${escapeMarkdown(n)}`, "");
  if (r.chain.length > 0)
    out.push("Reference chain from the closure root:", "", ...r.chain.map((p, i) => `${i + 1}. ${code(p)}`), "");
  for (const g of r.gaps) out.push(`- could not learn: ${escapeMarkdown(g.reason)}`);
  return `${out.join("\n").trimEnd()}\n`;
}
