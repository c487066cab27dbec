import { describe, expect, it } from "vitest";
import {
  cellCode,
  code,
  escapeHtml,
  escapeMarkdown,
  htmlCode,
  oneLine,
  replaceXmlForbidden,
  stripControls,
} from "../../src/render/escape.js";

const ZWSP = "\u200b";
const ESC = "\u001b";

/** Hostile strings and what a terminal must be shown of them. */
const TERMINAL: ReadonlyArray<readonly [string, string, string]> = [
  ["plain text is unchanged", "nixpkgs/nixos-24.05", "nixpkgs/nixos-24.05"],
  ["SGR colour sequence goes whole", `a${ESC}[31;1mred${ESC}[0m`, "ared"],
  ["cursor movement and screen clear go whole", `a${ESC}[2J${ESC}[H${ESC}[10;20Hb`, "ab"],
  ["private-mode CSI (hide cursor) goes whole", `a${ESC}[?25lb`, "ab"],
  ["8-bit CSI goes whole", "a\u009b31mb", "ab"],
  [
    "OSC 8 hyperlink ended by ST goes whole, its text stays",
    `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`,
    "click",
  ],
  ["OSC window title ended by BEL goes whole", `a${ESC}]0;pwned\u0007b`, "ab"],
  ["8-bit OSC ended by 8-bit ST goes whole", "a\u009d0;title\u009cb", "ab"],
  ["DCS string goes whole", `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, "ab"],
  ["an unterminated OSC loses its introducer and leaves the text visible", `a${ESC}]0;rest`, "a0;rest"],
  ["two-byte ESC sequences (reset, charset) go whole", `a${ESC}cb${ESC}(Bc`, "abc"],
  ["a lone ESC at the end goes", `a${ESC}`, "a"],
  ["NUL, BEL, backspace, CR, DEL and C1 controls go", "a\u0000\u0007\b\r\u007f\u0085\u0090b", "ab"],
  ["RLO (U+202E) goes", "evil\u202Etxt.exe", "eviltxt.exe"],
  ["every bidi embedding, override and isolate goes", "a\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069b", "ab"],
  ["LRM, RLM and the Arabic letter mark go", "a\u200E\u200F\u061Cb", "ab"],
  ["zero-width space, joiners, word joiner and BOM go", "ad\u200Bm\u200Ci\u200Dn\u2060\uFEFF", "admin"],
  ["soft hyphen and tag characters go", "a\u00ADb\u{E0041}\u{E007F}c", "abc"],
  ["a lone surrogate becomes U+FFFD", "a\uD800b\uDC00c", "a\uFFFDb\uFFFDc"],
  ["emoji and non-Latin text stay", "日本語 😀 ñ", "日本語 😀 ñ"],
];

describe("stripControls: what reaches a terminal", () => {
  it.each(TERMINAL)("%s", (_behaviour, input, expected) => {
    expect(stripControls(input)).toBe(expected);
  });

  it("keeps tab and newline (multi-line messages), and turns U+2028/U+2029 into newlines", () => {
    expect(stripControls("a\tb\nc\u2028d\u2029e")).toBe("a\tb\nc\nd\ne");
  });

  it("is linear on many unterminated introducers", () => {
    const hostile = `${"\u009d".repeat(50_000)}${`${ESC}]`.repeat(50_000)}${`${ESC}[`.repeat(50_000)}`;
    const start = performance.now();
    stripControls(hostile);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("oneLine", () => {
  it.each([
    ["newlines, CR and tabs collapse to one space", "a\r\n\tb\n\nc", "a b c"],
    ["line and paragraph separators collapse too", "a\u2028b\u2029c", "a b c"],
    ["controls are stripped before collapsing", `a${ESC}[31m\nb`, "a b"],
  ])("%s", (_behaviour, input, expected) => {
    expect(oneLine(input)).toBe(expected);
  });
});

describe("escapeMarkdown: text that shows as written and does nothing else", () => {
  it.each([
    ["plain words are unchanged", "hello world", "hello world"],
    ["HTML tags become entities", "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert\\(1\\)&gt;"],
    [
      "a <details> block cannot open",
      "<details><summary>x</summary>",
      "&lt;details&gt;&lt;summary&gt;x&lt;/summary&gt;",
    ],
    ["entities cannot be smuggled in", "&lt;b&gt; &#64;", `&amp;lt;b&amp;gt; &amp;\\#${ZWSP}64;`],
    ["quotes become entities", `"a" 'b'`, "&quot;a&quot; &#39;b&#39;"],
    ["emphasis, code and strike markers are escaped", "*a* _b_ `c` ~~d~~", "\\*a\\* \\_b\\_ \\`c\\` \\~\\~d\\~\\~"],
    ["a link cannot form", "[click](https://evil.example)", `\\[click\\]\\(https:${ZWSP}//evil\\.example\\)`],
    ["an image cannot form", "![x](http://e/x.png)", `\\!\\[x\\]\\(http:${ZWSP}//e/x\\.png\\)`],
    ["an autolink cannot form", "<https://evil.example>", `&lt;https:${ZWSP}//evil\\.example&gt;`],
    ["a bare URL is not linked", "see https://evil.example/x", `see https:${ZWSP}//evil\\.example/x`],
    ["a bare www. address is not linked", "www.evil.example", `www${ZWSP}\\.evil\\.example`],
    ["an @mention cannot notify", "@admin and @org/team", `@${ZWSP}admin and @${ZWSP}org/team`],
    ["an e-mail address is not linked", "a@b.example", `a@${ZWSP}b\\.example`],
    ["a #123 reference cannot link", "fixes #123", `fixes \\#${ZWSP}123`],
    ["a cross-repo reference cannot link", "owner/repo#9", `owner/repo\\#${ZWSP}9`],
    ["a GH-123 reference cannot link", "see GH-42", `see GH${ZWSP}\\-42`],
    ["a heading or list marker at the start is escaped", "# title", "\\# title"],
    ["table pipes are escaped", "a | b", "a \\| b"],
    ["a backslash is escaped", "a\\b", "a\\\\b"],
    ["newlines collapse to one line", "line1\n\n# line2", "line1 \\# line2"],
    ["terminal escapes go whole", `${ESC}[31mred`, "red"],
    ["a bidi override is shown, not applied", "abc\u202Edef", "abc‹U\\+202E›def"],
    ["isolates and marks are shown", "\u2066a\u2069\u200F", "‹U\\+2066›a‹U\\+2069›‹U\\+200F›"],
    ["a zero-width space in a name is shown", "ad\u200Bmin", "ad‹U\\+200B›min"],
    ["astral tag characters are shown with their full code point", "a\u{E0041}", "a‹U\\+E0041›"],
  ])("%s", (_behaviour, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe("code spans nothing can break out of", () => {
  it.each<[string, (s: string) => string, string, string]>([
    ["plain text gets single backticks", code, "nixpkgs", "`nixpkgs`"],
    ["a backtick run gets a longer fence", code, "a``b", "```a``b```"],
    ["a leading backtick is padded", code, "`x", "`` `x ``"],
    ["a leading and trailing space is padded (CommonMark would strip one each)", code, " x ", "`  x  `"],
    ["the empty string is padded", code, "", "`  `"],
    ["pipes stay outside tables", code, "a|b", "`a|b`"],
    ["pipes are escaped in table cells", cellCode, "a|b", "`a\\|b`"],
    [
      "a backslash before a pipe, which no code span in a table can show, becomes a <code> element",
      cellCode,
      "a\\|<b>",
      "<code>a\\\\\\|&lt;b&gt;</code>",
    ],
    ["newlines collapse", code, "a\nb", "`a b`"],
    ["terminal escapes go whole", code, `${ESC}]8;;x${ESC}\\a`, "`a`"],
    ["a bidi override is shown", cellCode, "x\u202Ey", "`x‹U+202E›y`"],
    ["HTML stays literal (code spans are inert)", code, "<b>", "`<b>`"],
    ["in a raw HTML block, code is an element with entities", htmlCode, "<b>@x", `<code>&lt;b&gt;@${ZWSP}x</code>`],
  ])("%s", (_behaviour, fn, input, expected) => {
    expect(fn(input)).toBe(expected);
  });
});

describe("escapeHtml: text for a raw HTML block such as <summary>", () => {
  it.each([
    [
      "tags and quotes become entities",
      `</summary><img src="x">'`,
      "&lt;/summary&gt;&lt;img src=&quot;x&quot;&gt;&#39;",
    ],
    ["Markdown syntax is left alone (it is not read there)", "*a* `b` \\", "*a* `b` \\"],
    [
      "mentions, references and URLs are broken",
      "@a #1 GH-2 https://e www.e",
      `@${ZWSP}a #${ZWSP}1 GH${ZWSP}-2 https:${ZWSP}//e www${ZWSP}.e`,
    ],
    ["hidden characters are shown, newlines collapse", "a\u202E\nb", "a‹U+202E› b"],
  ])("%s", (_behaviour, input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

/** Properties every escaped string has, whatever went in. */
describe("no hidden or active character survives any helper", () => {
  const everyHostile = TERMINAL.map(([, input]) => input).join(" ");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const BAD = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;
  it.each([
    ["stripControls", stripControls(everyHostile)],
    ["oneLine", oneLine(everyHostile)],
    ["escapeMarkdown", escapeMarkdown(everyHostile)],
    ["code", code(everyHostile)],
    ["cellCode", cellCode(everyHostile)],
    ["escapeHtml", escapeHtml(everyHostile)],
  ])("%s", (_helper, out) => {
    expect(out).not.toMatch(BAD);
    expect(out).not.toContain("[31");
    expect(out).not.toContain("]8;;");
  });
});

describe("replaceXmlForbidden: what XML 1.0 does not allow is shown, everything else kept", () => {
  it.each([
    [
      "ESC, BEL, NUL and vertical tab are shown",
      "a\u001b[31m\u0007\u0000\u000bb",
      "a‹U+001B›[31m‹U+0007›‹U+0000›‹U+000B›b",
    ],
    ["U+FFFE and U+FFFF are shown", "\ufffe\uffff", "‹U+FFFE›‹U+FFFF›"],
    ["lone surrogates are shown", "\udc00\ud800x", "‹U+DC00›‹U+D800›x"],
    [
      "a surrogate pair, tab, newline, CR, DEL and C1 controls are allowed and kept",
      "😀\t\n\r\u007f\u0085",
      "😀\t\n\r\u007f\u0085",
    ],
    ["markup is untouched", '<a b="c">&amp;</a>', '<a b="c">&amp;</a>'],
  ])("%s", (_behaviour, input, expected) => {
    expect(replaceXmlForbidden(input)).toBe(expected);
  });
});
