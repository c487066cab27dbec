import { micromark, parse, postprocess, preprocess } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";

/**
 * Markdown as GitHub would render it (micromark with its GFM extension), with raw HTML let through
 * so that any HTML reaching the output shows up, and an audit of the result: what an outside string
 * could make live in a PR comment.
 */
export const renderGfm = (md: string): string =>
  micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });

/**
 * The elements our templates emit (and micromark makes of them), each in the only form we write; a
 * fenced code block only as the Mermaid graph of a diff (render/diff/markdown-graph.ts).
 */
const ALLOWED_TAG =
  /^<\/?(?:h[1-6]|p|ul|ol|li|table|thead|tbody|tr|th|td|code|strong|em|blockquote|details|summary|br|hr)>$|^<ol start="\d+">$|^<(?:th|td) align="(?:left|center|right)">$|^<a href="[^"<>\s]*">$|^<\/a>$|^<pre>$|^<\/pre>$|^<code class="language-mermaid">$/;

/** Links we build from validated owner, repository, rev and version (src/render/diff/links.ts). */
const BUILT_LINK =
  /^https:\/\/(?:github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/(?:compare\/[0-9a-f]{40}\.\.\.[0-9a-f]{40}|commit\/[0-9a-f]{40})|flakehub\.com\/flake\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9._~%+-]+)$/;

const decode = (s: string): string =>
  s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&(lt|gt|quot|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', amp: "&" })[e] ?? "");

/**
 * What GitHub turns into a link or a notification in rendered text outside code and links: @mentions
 * and e-mail addresses, #123 / owner/repo#123 / GH-123 references, bare URLs and www. addresses.
 */
const LIVE_TEXT = /@[A-Za-z0-9]|#\d|\bGH-\d|[A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9]|\bwww\.[A-Za-z0-9]/i;

/** Text nodes outside <code> and <a>, where GitHub's mention, reference and autolink filters run. */
function liveText(html: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const part of html.split(/(<[^>]*>)/)) {
    if (/^<(code|a)[\s>]/.test(part)) depth++;
    else if (/^<\/(code|a)>/.test(part)) depth--;
    else if (!part.startsWith("<") && depth === 0) out.push(decode(part));
  }
  return out;
}

/** Cells per table row as GFM's table parser counts them, before the HTML pads or drops any. */
export function tableRowCells(md: string): number[][] {
  const events = postprocess(
    parse({ extensions: [gfm()] })
      .document()
      .write(preprocess()(md, undefined, true)),
  );
  const tables: number[][] = [];
  for (const [kind, token] of events) {
    // The GFM table token names are not in micromark's own TokenTypeMap.
    const type: string = token.type;
    if (kind !== "enter") continue;
    if (type === "table") tables.push([]);
    else if (type === "tableRow") tables.at(-1)?.push(0);
    else if (type === "tableHeader" || type === "tableData") {
      const rows = tables.at(-1);
      if (rows !== undefined) rows[rows.length - 1] = (rows.at(-1) ?? 0) + 1;
    }
  }
  return tables;
}

/**
 * Everything in rendered Markdown that an outside string could have made live: an element or
 * attribute our templates do not write, a link we did not build, a mention, reference or bare URL
 * in text, or a table row whose cell count differs from its header's. Empty when the output is safe.
 */
export function gfmProblems(md: string): string[] {
  const html = renderGfm(md);
  const problems: string[] = [];
  for (const tag of html.match(/<[^>]*>?/g) ?? []) if (!ALLOWED_TAG.test(tag)) problems.push(`element ${tag}`);
  for (const [, href] of html.matchAll(/<a href="([^"]*)">/g))
    if (!BUILT_LINK.test(decode(href ?? ""))) problems.push(`link ${href}`);
  for (const text of liveText(html)) {
    const m = LIVE_TEXT.exec(text);
    if (m !== null) problems.push(`live text ${JSON.stringify(m[0])} in ${JSON.stringify(text)}`);
  }
  for (const rows of tableRowCells(md))
    for (const [i, n] of rows.entries())
      if (n !== rows[0]) problems.push(`table row ${i} has ${n} cells, header ${rows[0]}`);
  return problems;
}

/** The text of each body cell of the first table, decoded, with zero-width spaces (our link breakers) removed. */
export function tableCellTexts(md: string): string[][] {
  const body = renderGfm(md).split("<tbody>")[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...(row ?? "").matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) =>
      decode((cell ?? "").replace(/<[^>]*>/g, "")).replace(/\u200b/g, ""),
    ),
  );
}
