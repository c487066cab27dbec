import type { InputFacts } from "../../domain/lock/input-facts.js";
import type { TraceReport } from "../../domain/closure/trace-report.js";
import { oneLine } from "../escape.js";
import { wrapLines } from "../wrap.js";

const KIND = {
  source: "the source of a locked input",
  derivation: "a store derivation",
  output: "a build output or other store object",
  unknown: "a store path the data does not describe",
} as const;

const short = (rev: string | undefined): string => (rev !== undefined ? rev.slice(0, 12) : "");

function inputLine(f: InputFacts): string {
  const facts = [
    f.rev !== undefined ? `rev ${short(f.rev)}` : undefined,
    f.lastModified?.slice(0, 10),
    f.narHash,
  ].filter((x) => x !== undefined);
  const also = f.inputPaths.length > 1 ? ` (also ${f.inputPaths.filter((p) => p !== f.input).join(", ")})` : "";
  return `${oneLine(f.input)}${oneLine(also)}: ${oneLine(f.url)}${facts.length > 0 ? ` [${facts.map(oneLine).join(", ")}]` : ""}`;
}

/** Plain text for a terminal; every string from the lock or the store passes stripControls. */
export function renderTraceText(r: TraceReport, opts: { readonly width?: number } = {}): string {
  const out = [
    oneLine(r.path),
    `  is ${KIND[r.kind]}${r.deriver !== undefined ? `, built by ${oneLine(r.deriver)}` : ""}`,
  ];
  if (r.inputs.length > 0) {
    out.push(r.attribution === "source" ? "  supplied by input:" : "  from inputs, through its build or references:");
    for (const f of r.inputs) out.push(`    • ${inputLine(f)}`);
  }
  if (r.sources.length > 0) {
    out.push("  built from or embedding locked sources (nearest first):");
    for (const s of r.sources) {
      const how =
        s.via === "references"
          ? `referenced at run time, ${s.depth} step${s.depth === 1 ? "" : "s"} away`
          : s.depth === 0
            ? "read by its own build"
            : `read by a build ${s.depth} derivation${s.depth === 1 ? "" : "s"} below`;
      out.push(`    • ${oneLine(s.path)} (${how})`);
      // The inputs' facts are listed above; here only which input each source is.
      for (const f of s.inputs) out.push(`        input ${oneLine(f.input)}`);
    }
  }
  if (r.attribution === "unknown")
    out.push("  cannot tell whether it comes from a locked input with the data given (see below)");
  if (r.attribution === "none" || r.attribution === "unknown") {
    if (r.attribution === "none") out.push("  not from any locked input");
    if (r.nearestAttributed !== undefined) {
      out.push(`  nearest ancestor from a locked input: ${oneLine(r.nearestAttributed.path)}`);
      for (const f of r.nearestAttributed.inputs) out.push(`    • ${inputLine(f)}`);
    }
  }
  for (const n of r.notes) out.push(`  note: ${oneLine(n)}`);
  if (r.chain.length > 0) {
    out.push("  reference chain from the closure root:");
    for (const [i, p] of r.chain.entries()) out.push(`    ${i === 0 ? "" : "→ "}${oneLine(p)}`);
  }
  for (const g of r.gaps) out.push(`  could not learn: ${oneLine(g.reason)}`);
  return `${wrapLines(out, opts.width).join("\n")}\n`;
}
