import type { Severity } from "../../domain/findings.js";
import { h } from "./escape.js";

/** Already-escaped HTML, as the parts take and return it. */
export type Html = string;

/**
 * Rows of one chunk of a long table. A table of thousands of rows costs the browser seconds of
 * layout (bench/html.mjs: the inputs of a 10,000-node lock took 10 s), so a longer table is cut into
 * tables of this many rows, each in a `.chunk` that is laid out and painted only near the screen
 * (`content-visibility: auto`), with fixed column widths so the chunks line up as one table.
 */
export const CHUNK_ROWS = 100;

export interface TableOptions {
  readonly rowClass?: string;
  readonly numeric?: readonly number[];
  /** Columns that get a wider share when the table is chunked (names, URLs). */
  readonly wide?: readonly number[];
}

/** A table inside its own labelled, focusable scroll region: wide rows scroll there, not the page. */
export function table(
  caption: string,
  head: readonly string[],
  rows: readonly (readonly Html[])[],
  opts: TableOptions = {},
): Html {
  const num = new Set(opts.numeric ?? []);
  const cls = (i: number): string => (num.has(i) ? ' class="num"' : "");
  const tr = opts.rowClass !== undefined ? `<tr class="${opts.rowClass}">` : "<tr>";
  const body = (rs: readonly (readonly Html[])[]): string =>
    rs.map((r) => `${tr}${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join("")}</tr>`).join("\n");
  const region = `<div class="scroll" role="region" aria-label="${h(caption)}" tabindex="0">`;
  // Fixed column widths only where the table is cut in pieces, so that the pieces line up.
  const wide = new Set(rows.length > CHUNK_ROWS ? (opts.wide ?? []) : []);
  const th = (t: string, i: number): string => {
    const c = [...(num.has(i) ? ["num"] : []), ...(wide.has(i) ? ["wide"] : [])];
    return `<th scope="col"${c.length > 0 ? ` class="${c.join(" ")}"` : ""}>${h(t)}</th>`;
  };
  const thead = `<thead><tr>${head.map(th).join("")}</tr></thead>`;
  const tableOf = (attrs: string, title: Html, rs: readonly (readonly Html[])[]): Html =>
    `<table${attrs}>\n<caption>${title}</caption>\n${thead}\n<tbody>\n${body(rs)}\n</tbody>\n</table>`;
  if (rows.length <= CHUNK_ROWS) return `${region}\n${tableOf("", h(caption), rows)}\n</div>`;
  const chunks: string[] = [];
  for (let at = 0; at < rows.length; at += CHUNK_ROWS) {
    const last = Math.min(at + CHUNK_ROWS, rows.length);
    const title =
      at === 0 ? h(caption) : `<span class="muted">${h(caption)}, rows ${at + 1}–${last} of ${rows.length}</span>`;
    chunks.push(`<div class="chunk">${tableOf(' class="chunked"', title, rows.slice(at, last))}</div>`);
  }
  return `${region}\n${chunks.join("\n")}\n</div>`;
}

/**
 * Blocks of a long sequence (a timeline per host): up to CHUNK_ROWS joined as they are, more in
 * `.chunk`s of CHUNK_ROWS, laid out only near the screen as a long table's chunks are.
 */
export function chunked(items: readonly Html[]): Html {
  if (items.length <= CHUNK_ROWS) return items.join("\n");
  const out: string[] = [];
  for (let at = 0; at < items.length; at += CHUNK_ROWS)
    out.push(`<div class="chunk">\n${items.slice(at, at + CHUNK_ROWS).join("\n")}\n</div>`);
  return out.join("\n");
}

/** A severity as a coloured label whose text says it (colour is never the only cue). */
export const severityBadge = (s: Severity): Html => `<span class="sev sev-${s}">${s}</span>`;

export type Tone = "ok" | "warn" | "bad" | "none";

/** A state word in its tone's colour: `approved`, `drifted`, `unreachable`. */
export const stateLabel = (tone: Tone, text: string): Html => `<span class="state st-${tone}">${h(text)}</span>`;

/** The headline counts: `<li><b>12</b> findings</li>…`, each with `data-count` for the browser test. */
export const counts = (items: ReadonlyArray<readonly [string, number, string]>): Html =>
  `<ul class="summary">${items.map(([key, n, label]) => `<li data-count="${h(key)}"><b>${n}</b> ${h(label)}</li>`).join("")}</ul>`;

/** A section with its heading; `id` makes it linkable. */
export const section = (id: string, title: string, body: Html): Html =>
  `<section id="${h(id)}" aria-labelledby="${h(id)}-h">\n<h2 id="${h(id)}-h">${h(title)}</h2>\n${body}\n</section>`;

/** `<details>`: open unless the list is long, so a short report shows everything without a click. */
export const fold = (summary: Html, body: Html, open: boolean): Html =>
  `<details${open ? " open" : ""}><summary>${summary}</summary>\n${body}\n</details>`;

/** The "could not learn" list: a gap is never shown as a no. */
export const gapList = (gaps: ReadonlyArray<{ readonly input?: string; readonly reason: string }>): Html =>
  gaps.length === 0
    ? ""
    : section(
        "gaps",
        "Could not learn",
        `<ul>${gaps.map((g) => `<li data-gap>${g.input !== undefined ? `<code>${h(g.input)}</code>: ` : ""}${h(g.reason)}</li>`).join("\n")}</ul>`,
      );

export { plural } from "../../domain/words.js";

/** A cell with nothing to show: a muted dash. */
export const NONE: Html = '<span class="muted">–</span>';
