import type { TraceReport } from "../../domain/closure/trace-report.js";
import type { InputFacts } from "../../domain/lock/input-facts.js";
import { code, h, link } from "../html/escape.js";
import { renderPage } from "../html/page.js";
import { NONE, counts, gapList, section, table, type Html } from "../html/parts.js";

const VERDICT: Readonly<Record<TraceReport["attribution"], string>> = {
  source: "This path is the source of a locked input.",
  build: "This path was built from, or embeds, locked inputs.",
  unknown: "Whether this path comes from a locked input cannot be told from the data given (see below).",
  none: "This path is not from any locked input.",
};

const inputRow = (f: InputFacts): Html[] => [
  code(f.input),
  f.inputPaths
    .filter((p) => p !== f.input)
    .map(code)
    .join(", ") || NONE,
  h(f.type),
  link(f.url),
  f.rev !== undefined ? code(f.rev.slice(0, 12)) : NONE,
  h(f.lastModified?.slice(0, 10) ?? "–"),
];

/** Which locked inputs each store path belongs to: the inputs' own sources and the sources traced. */
function inputsByPath(r: TraceReport): Map<string, readonly InputFacts[]> {
  const m = new Map<string, readonly InputFacts[]>();
  for (const s of r.sources) m.set(s.path, s.inputs);
  for (const f of r.inputs) if (f.storePath !== undefined && !m.has(f.storePath)) m.set(f.storePath, [f]);
  if (r.nearestAttributed !== undefined && !m.has(r.nearestAttributed.path))
    m.set(r.nearestAttributed.path, r.nearestAttributed.inputs);
  return m;
}

/** The reference chain from the closure root to the path, each step with the inputs it belongs to. */
function chainList(r: TraceReport): Html {
  const owners = inputsByPath(r);
  const items = r.chain.map((p, i) => {
    const inputs = owners.get(p) ?? [];
    const role =
      i === 0
        ? ' <span class="muted">(closure root)</span>'
        : i === r.chain.length - 1
          ? ' <span class="muted">(the traced path)</span>'
          : "";
    const belongs = inputs.length > 0 ? `<br>from ${inputs.map((f) => code(f.input)).join(", ")}` : "";
    return `<li data-chain>${code(p)}${role}${belongs}</li>`;
  });
  return `<ol class="chain">\n${items.join("\n")}\n</ol>`;
}

/** trace --format html: the verdict, the chain root → path, the inputs and sources it comes from. */
export function renderTraceHtml(r: TraceReport): string {
  const lead = [
    `<p>${code(r.path)}</p>`,
    `<p data-verdict="${h(r.attribution)}"><strong>${h(VERDICT[r.attribution])}</strong></p>`,
    r.deriver !== undefined ? `<p>Built by ${code(r.deriver)}.</p>` : "",
    counts([
      ["inputs", r.inputs.length, "inputs"],
      ["sources", r.sources.length, "source paths"],
      ["chain", r.chain.length, "steps in the chain"],
      ["gaps", r.gaps.length, "gaps"],
    ]),
  ].join("\n");
  const sourceRows = r.sources.map((s) => [
    code(s.path),
    s.via === "derivation" ? "read by the build" : "run-time reference",
    h(s.depth),
    s.inputs.map((f) => code(f.input)).join(", "),
  ]);
  const body = [
    r.chain.length > 0 ? section("chain", "Reference chain from the closure root", chainList(r)) : "",
    r.inputs.length > 0
      ? section(
          "inputs",
          "Locked inputs",
          table(
            "Locked inputs",
            ["input", "also reached as", "type", "locked reference", "rev", "last modified"],
            r.inputs.map(inputRow),
            { rowClass: "input" },
          ),
        )
      : "",
    r.sources.length > 0
      ? section(
          "sources",
          "Source paths",
          table("Source paths", ["source path", "how", "distance", "inputs"], sourceRows, {
            rowClass: "source",
            numeric: [2],
          }),
        )
      : "",
    r.nearestAttributed !== undefined
      ? `<p>Nearest ancestor from a locked input: ${code(r.nearestAttributed.path)} (${r.nearestAttributed.inputs.map((f) => code(f.input)).join(", ")}).</p>`
      : "",
    r.notes.length > 0
      ? section("notes", "Notes", `<ul>${r.notes.map((n) => `<li>${h(n)}</li>`).join("\n")}</ul>`)
      : "",
    gapList(
      r.gaps.map((g) =>
        g.options !== undefined && g.options.length > 0
          ? { ...g, reason: `${g.reason} (give ${g.options.join(" or ")})` }
          : g,
      ),
    ),
  ];
  return renderPage({ title: "Trace", lead, body: body.filter((b) => b !== "").join("\n"), tool: r.tool });
}
