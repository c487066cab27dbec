/**
 * Every string from a lock file or from upstream passes through here before it reaches a terminal
 * or Markdown: upstream text is untrusted. Terminal text loses what a terminal would act on or hide;
 * Markdown shows hidden characters visibly and cannot format, link, embed or notify.
 */

// Terminal escape sequences, each removed whole so no remnant (`[31m`, `]8;;url`) is left as text:
// CSI (ESC [ or 8-bit CSI) with its parameters; OSC, DCS, SOS, PM and APC strings up to their BEL or
// ST terminator (when unterminated only the introducer goes, so text after it stays visible); any
// other ESC sequence (ESC, intermediates, final byte). The string bodies stop at the next control
// introducer, which keeps matching linear on hostile input.
const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])(?:[^\u0007\u001b\u0090-\u009f]*(?:\u0007|\u001b\\|\u009c))?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;

// C0 and C1 controls except tab and newline, and DEL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// Invisible format characters (Unicode category Cf): bidi embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069), marks (U+200E, U+200F, U+061C), zero-width space, joiners and
// the BOM, soft hyphen, tag characters. None is needed to read a name, URL or message; all can make
// text read differently from what it is. Line and paragraph separators count as line breaks.
const INVISIBLE = /\p{Cf}/gu;
const LINE_SEPARATORS = /[\u2028\u2029]/g;
// A surrogate half without its partner cannot be printed as UTF-8; it becomes U+FFFD.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const withoutControls = (s: string): string =>
  s.replace(ESCAPE_SEQUENCE, "").replace(CONTROLS, "").replace(LONE_SURROGATE, "\ufffd");

/** Removes terminal escape sequences, control characters and invisible format characters. */
export const stripControls = (s: string): string =>
  withoutControls(s).replace(INVISIBLE, "").replace(LINE_SEPARATORS, "\n");

/** As stripControls, and newlines too: for one-line fields. */
export const oneLine = (s: string): string => stripControls(s).replace(/[\r\n\t]+/g, " ");

/** `‹U+202E›`: a hidden character made visible, in characters Markdown gives no meaning. */
const visibleCodePoint = (c: string): string =>
  `‹U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}›`;

/**
 * One line of Markdown-bound text with controls removed and invisible characters shown as `‹U+…›`,
 * so a reviewer sees that a bidi override or zero-width character was there.
 */
export const visibleOneLine = (s: string): string =>
  withoutControls(s)
    .replace(INVISIBLE, visibleCodePoint)
    .replace(/[\r\n\t\u2028\u2029]+/g, " ");

/**
 * What XML 1.0 forbids (its `Char` production): C0 controls other than tab, line feed and carriage
 * return, U+FFFE and U+FFFF, and surrogate halves without their partner. One of them anywhere, even
 * escaped as `&#27;`, makes the document not well-formed.
 */
const XML_FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * XML text with every character XML 1.0 forbids shown as `‹U+001B›`, as Markdown shows hidden
 * characters: a reader sees what the lock or store said, and two names that differ only there stay
 * two names (U+FFFD would merge them, and their bom-refs). Everything XML allows is kept as is.
 * Markup never contains such a character, so this runs on a whole serialised document.
 */
export const replaceXmlForbidden = (xml: string): string => xml.replace(XML_FORBIDDEN, visibleCodePoint);

const ZWSP = "\u200b";

/**
 * GitHub links mentions, `#123`/`GH-123` references, bare URLs and `www.` addresses in the rendered
 * text (Markdown escapes and HTML entities are decoded by then, and raw HTML blocks get the same
 * treatment), so only a character between `@`/`#`/`GH` and what follows, or inside `://`, stops
 * them. Runs on visible text, before the context's own escaping.
 */
const defuseLinks = (s: string): string =>
  s
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`)
    .replace(/#(?=[A-Za-z0-9])/g, `#${ZWSP}`)
    .replace(/\b(GH)(?=-\d)/gi, `$1${ZWSP}`)
    .replace(/([A-Za-z][A-Za-z0-9+.-]*):\/\//g, `$1:${ZWSP}//`)
    .replace(/\b(www)(?=\.)/gi, `$1${ZWSP}`);

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for GitHub-flavoured Markdown so that it shows as written and does nothing else:
 * HTML is inert, Markdown syntax is escaped, @mentions and #references cannot ping or link, bare
 * URLs are not turned into links, and hidden characters are shown. Output is one line. It is safe in
 * a table cell too: every `\` and `|` is escaped, so GFM's cell splitter (which pairs a backslash
 * with the character after it) sees no bare pipe.
 */
export function escapeMarkdown(s: string): string {
  return defuseLinks(visibleOneLine(s)).replace(/[\\`*_{}[\]()#+\-.!|~<>&"']/g, (c) => HTML_ENTITIES[c] ?? `\\${c}`);
}

/**
 * Text for a raw HTML block such as the `<details><summary>…</summary>` line: GFM does not read
 * Markdown there, so a code span or a backslash escape would show literally and a tag would be live.
 * Entities make every character inert; mentions, references and URLs are broken as in Markdown.
 */
export const escapeHtml = (s: string): string =>
  defuseLinks(visibleOneLine(s)).replace(/[<>&"']/g, (c) => HTML_ENTITIES[c] ?? c);

/** Inline code inside a raw HTML block: a `<code>` element around entity-escaped text. */
export const htmlCode = (s: string): string => `<code>${escapeHtml(s)}</code>`;

/** A code span around already visible, one-line text: the fence is longer than any backtick run inside. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  // A space pads a backtick at either end, and keeps CommonMark from stripping one from each side.
  const pad = /^[` ]|[` ]$/.test(text) || text === "" ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Inline code that no content can break out of, for Markdown outside tables (list items, headings,
 * paragraphs). Hidden characters are shown as `‹U+…›` (inside a code span they would still reorder
 * or hide text).
 */
export const code = (s: string): string => codeSpan(visibleOneLine(s));

/**
 * Inline code for a GFM table cell. GFM splits the row on every `|` that is not escaped, even inside
 * a code span, and pairs a backslash with the character after it before looking for pipes; it then
 * removes only the backslash of `\|`. So `|` becomes `\|` and shows as `|` in the span, but a
 * backslash right before a pipe cannot be shown in a code span at all (`\\|` splits the cell,
 * `\\\|` shows two backslashes): that text becomes a `<code>` element with escaped Markdown
 * inside, which shows every character as written.
 */
export function cellCode(s: string): string {
  const text = visibleOneLine(s);
  return /\\\|/.test(text) ? `<code>${escapeMarkdown(text)}</code>` : codeSpan(text.replace(/\|/g, "\\|"));
}
