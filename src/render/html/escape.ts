import { visibleOneLine } from "../escape.js";

const ENTITIES: Readonly<Record<string, string>> = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Outside text for an HTML text node or a double-quoted attribute value: controls removed, hidden
 * characters (bidi overrides, zero-width) shown as `‹U+…›`, one line, and every character HTML
 * gives meaning to as an entity. The one escape of render/html: text and attributes need the same
 * five entities, so there is one function and no way to pick the wrong one.
 */
export const h = (s: string | number): string => visibleOneLine(String(s)).replace(/[<>&"']/g, (c) => ENTITIES[c] ?? c);

/**
 * A link target, or undefined: only absolute `https:` and `http:` URLs, parsed by the WHATWG URL
 * parser (what the browser will do) and written back in its serialisation, which percent-encodes
 * spaces, quotes and angle brackets. `javascript:`, `data:`, relative and protocol-relative
 * references are never links; credentials in a URL are not linked either.
 */
export function safeHref(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if ((parsed.protocol !== "https:" && parsed.protocol !== "http:") || parsed.username !== "" || parsed.password !== "")
    return undefined;
  return parsed.href;
}

/**
 * `<a href>` around the label when the URL may be a link, else the label as text. Links do not tell
 * the target where the reader came from, and cannot reach back into the page.
 */
export function link(url: string, label: string = url): string {
  const href = safeHref(url);
  return href === undefined
    ? `<span class="url">${h(label)}</span>`
    : `<a href="${h(href)}" rel="noopener noreferrer nofollow">${h(label)}</a>`;
}

/** Outside text in a `<code>` element. */
export const code = (s: string): string => `<code>${h(s)}</code>`;
