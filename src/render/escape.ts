/**
 * Every string from a lock file or from upstream passes through here before it reaches a terminal
 * or Markdown: upstream text is untrusted.
 */

// C0 and C1 controls except tab and newline, DEL, and the bidi overrides that can disguise text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes control characters (ANSI escapes lose their ESC and become inert text). */
export const stripControls = (s: string): string => s.replace(CONTROLS, "");

/** As stripControls, and newlines too: for one-line fields. */
export const oneLine = (s: string): string => stripControls(s).replace(/[\r\n\t]+/g, " ");

const ZWSP = "\u200b";

/**
 * Escapes text for GitHub-flavoured Markdown so that it shows as written and does nothing else:
 * HTML is inert, Markdown syntax is escaped, @mentions and #references cannot ping or link, and
 * bare URLs are not turned into links. Output is one line.
 */
export function escapeMarkdown(s: string): string {
  return oneLine(s)
    .replace(/[\\`*_{}[\]()#+\-.!|~<>&"']/g, (c) => {
      switch (c) {
        case "<":
          return "&lt;";
        case ">":
          return "&gt;";
        case "&":
          return "&amp;";
        case '"':
          return "&quot;";
        case "'":
          return "&#39;";
        default:
          return `\\${c}`;
      }
    })
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`)
    .replace(/\\#(?=[A-Za-z0-9])/g, `\\#${ZWSP}`)
    .replace(/([A-Za-z][A-Za-z0-9+.-]*):\/\//g, `$1:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/**
 * Inline code that no content can break out of: the fence is longer than any backtick run inside,
 * and `|` is escaped because GFM splits table cells on it even inside code spans.
 */
export function code(s: string, inTable = true): string {
  const text = inTable ? oneLine(s).replace(/\|/g, "\\|") : oneLine(s);
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text === "" ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
