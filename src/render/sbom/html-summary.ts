import type { SbomModel } from "../../domain/sbom-model.js";
import { code, h } from "../html/escape.js";
import { renderPage } from "../html/page.js";
import { counts, gapList, plural, section, stateLabel, table, type Html, type Tone } from "../html/parts.js";
import { ageBuckets, ageRows, licenceRows, pinningCounts } from "./summary-view.js";

const OLDEST_SHOWN = 20;

const PINNING: Readonly<Record<string, readonly [Tone, string]>> = {
  content: ["ok", "content hash (narHash)"],
  "rev-only": ["warn", "rev only, no content hash"],
  relative: ["none", "relative path"],
  unlocked: ["bad", "unlocked"],
};

export interface SummaryOptions {
  /** The input graph as static SVG (the graph command's), shown in its own section when given. */
  readonly graphSvg?: string;
  /** What the SBOM file is called, to name it on the page. */
  readonly sbomFile?: string;
}

function agesSection(m: SbomModel): Html {
  const rows = ageRows(m);
  const at = m.timestamp !== undefined ? m.timestamp.toISOString() : undefined;
  const note =
    at === undefined
      ? "<p>The SBOM has no timestamp (reproducible without SOURCE_DATE_EPOCH), so ages cannot be counted; dates are shown.</p>"
      : `<p>Ages at ${h(at)}.</p>`;
  const buckets = table(
    "Inputs by age",
    ["age", "inputs"],
    ageBuckets(rows).map(([label, n]) => [h(label), h(n)]),
    {
      numeric: [1],
      rowClass: "age",
    },
  );
  const oldest = table(
    `Oldest inputs (${Math.min(OLDEST_SHOWN, rows.length)} of ${rows.length})`,
    ["input", "last modified", "age"],
    rows
      .slice(0, OLDEST_SHOWN)
      .map((r) => [
        code(r.input),
        h(r.lastModified?.slice(0, 10) ?? "no date"),
        h(r.days !== undefined ? plural(r.days, "day") : "–"),
      ]),
    { numeric: [2] },
  );
  return section("ages", "Ages", `${note}\n${buckets}\n${oldest}`);
}

/** sbom --html-report: the SBOM's compliance summary — counts, licences, ages, pinning, the input graph. */
export function renderSbomSummaryHtml(m: SbomModel, opts: SummaryOptions = {}): string {
  const inputs = m.inventory?.inputs.length ?? 0;
  const licences = licenceRows(m);
  const lead = [
    `<p>Compliance summary of the SBOM${opts.sbomFile !== undefined ? ` ${code(opts.sbomFile)}` : ""} of ${code(m.flakeName)}${m.lockFile !== undefined ? ` (${code(m.lockFile.path)})` : ""}.</p>`,
    counts([
      ["inputs", inputs, "locked inputs"],
      ["paths", m.closure?.data.list.length ?? 0, "closure paths"],
      ["packages", m.packages?.byPath.size ?? 0, "packages"],
      ["licences", new Set(licences.map((l) => l.licence)).size, "licence entries"],
      ["gaps", m.gaps.length, "gaps"],
    ]),
  ].join("\n");
  const licenceTable = table(
    "Licences",
    ["licence", "of", "count", "for example"],
    licences.map((l) => [
      code(l.licence),
      h(l.from === "input" ? "inputs" : "packages"),
      h(l.count),
      l.examples.map(code).join(", "),
    ]),
    { numeric: [2], rowClass: "licence" },
  );
  const pinTable = table(
    "Inputs by pinning",
    ["pinning", "inputs"],
    pinningCounts(m).map(([p, n]) => {
      const [tone, text] = PINNING[p] ?? ["none", p];
      return [stateLabel(tone, text), h(n)];
    }),
    { numeric: [1], rowClass: "pinning" },
  );
  const body = [
    section(
      "licences",
      "Licences",
      licences.length > 0 ? licenceTable : "<p>Nothing to license: no inputs or packages.</p>",
    ),
    inputs > 0 ? agesSection(m) : "",
    inputs > 0 ? section("pinning", "Pinning", pinTable) : "",
    opts.graphSvg !== undefined
      ? section(
          "graph",
          "Input graph",
          `<figure class="graph"><div class="scroll" role="region" aria-label="Input graph" tabindex="0">\n${opts.graphSvg.trimEnd()}\n</div></figure>`,
        )
      : "",
    gapList(m.gaps),
  ];
  return renderPage({
    title: `SBOM summary: ${m.flakeName}`,
    lead,
    body: body.filter((b) => b !== "").join("\n"),
    tool: m.tool,
    ...(m.timestamp !== undefined ? { at: m.timestamp.toISOString() } : {}),
  });
}
