import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderCheckMarkdown } from "../../src/render/check/markdown.js";
import { renderDiffMarkdown } from "../../src/render/diff/markdown.js";
import { cellCode, code, escapeHtml, escapeMarkdown, htmlCode } from "../../src/render/escape.js";
import { renderFleetMarkdown } from "../../src/render/fleet/markdown.js";
import { renderResolveMarkdown } from "../../src/render/resolve/markdown.js";
import { renderTraceMarkdown } from "../../src/render/trace/markdown.js";
import { gfmProblems, renderGfm, tableCellTexts } from "../support/gfm.js";
import { hostileCheck, hostileDiff, hostileFleet, hostileResolve, hostileTrace } from "../support/hostile-reports.js";

/**
 * Names a lock, a host or upstream can carry that try to leave their table cell, code span or
 * <summary>: a backslash before a pipe (GFM pairs `\\` and then splits on `|`), backticks, raw HTML,
 * mentions, references, links, autolinks. None has hidden characters, so each must show exactly.
 */
const VISIBLE_HOSTILE = [
  "a\\|<img src=x onerror=alert(1)>",
  "x\\|@admin",
  "x\\|[c](javascript:alert(1))",
  "x\\|https://evil.example",
  "a`\\|`<b>",
  "``\\|`` <img src=x onerror=alert(1)>",
  "x\\\\|y",
  "x\\\\\\|y",
  "trailing\\",
  "\\",
  "|",
  "||a||",
  "`",
  " spaced ",
  "</summary></details><img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "<code onclick=alert(1)>x</code>",
  "&lt;img src=x onerror=alert(1)&gt; &#64;admin",
  "@admin @org/team a@b.example",
  "owner/repo#12 #3 GH-4",
  "www.evil.example https://evil.example <https://evil.example>",
  "[x](javascript:alert(1)) ![i](https://e.vil/i.png) [r]: https://e.vil",
  "*a* _b_ ~~c~~ **d**",
  "- [ ] task | 1. list",
];

/** Strings that also carry what must be shown as a marker or removed: controls, bidi, line breaks. */
const HIDDEN_HOSTILE = [
  "a\u202E\\|<img src=x onerror=alert(1)>",
  "a\n| b | c |\n|---|---|",
  "a\r\n\n<details>\n\n<img src=x onerror=alert(1)>",
  "\u001b]8;;https://evil.example\u001b\\x\\|y\u001b]8;;\u001b\\",
  "@\u200badmin", // a zero-width space of its own is shown as ‹U+200B›, not kept
];

const ALL = [...VISIBLE_HOSTILE, ...HIDDEN_HOSTILE];

/** The text of the rendered <summary>, entities decoded and our zero-width link breakers removed. */
const summaryText = (md: string): string =>
  (/<summary>([\s\S]*?)<\/summary>/.exec(renderGfm(md))?.[1] ?? "")
    .replace(/<[^>]*>/g, "")
    .replace(/\u200b/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("a table cell shows an outside string exactly, in one cell, and nothing of it is live", () => {
  it.each(VISIBLE_HOSTILE)("%j", (h) => {
    const md = `| code | text | end |\n|---|---|---|\n| ${cellCode(h)} | ${escapeMarkdown(h)} | end |\n`;
    expect(gfmProblems(md)).toEqual([]);
    expect(tableCellTexts(md)).toEqual([[h, h.trim(), "end"]]);
  });

  it.each(HIDDEN_HOSTILE)("%j", (h) => {
    const md = `| code | text | end |\n|---|---|---|\n| ${cellCode(h)} | ${escapeMarkdown(h)} | end |\n`;
    expect(gfmProblems(md)).toEqual([]);
    expect(tableCellTexts(md)[0]?.[2]).toBe("end");
  });
});

describe("any string of Markdown's active characters", () => {
  // Every character GFM, GitHub's filters or a table give a meaning to, and a few letters to make words.
  const unit = fc.constantFrom(..."\\|`<>&@#:/[]()!*_~\"'.-=;+{} aw1h".split(""));
  const visible = fc.string({ unit, maxLength: 24 }).filter((s) => s.trim() !== "");
  it("shows exactly in a table cell, as code and as text, and nothing of it is live", () => {
    fc.assert(
      fc.property(visible, (h) => {
        const md = `| code | text | end |\n|---|---|---|\n| ${cellCode(h)} | ${escapeMarkdown(h)} | end |\n`;
        expect(gfmProblems(md)).toEqual([]);
        expect(tableCellTexts(md)).toEqual([[h, h.trim(), "end"]]);
      }),
      { numRuns: 300 },
    );
  });

  it("shows exactly in a <summary> line, as code and as text, and nothing of it is live", () => {
    fc.assert(
      fc.property(visible, (h) => {
        const md = `<details><summary>${htmlCode(h)}: ${escapeHtml(h)}</summary>\n\n</details>\n`;
        expect(gfmProblems(md)).toEqual([]);
        expect(summaryText(md)).toBe(`${h}: ${h}`);
      }),
      { numRuns: 200 },
    );
  });
});

describe("a <summary> line (a raw HTML block) shows an outside string exactly", () => {
  it.each(VISIBLE_HOSTILE)("%j", (h) => {
    const md = `<details><summary>${htmlCode(h)}: ${escapeHtml(h)}</summary>\n\n- ${code(h)}\n\n</details>\n`;
    expect(gfmProblems(md)).toEqual([]);
    expect(summaryText(md)).toBe(`${h}: ${h}`);
  });
});

describe("every Markdown renderer keeps outside strings inert under a GFM renderer", () => {
  const renderers: ReadonlyArray<readonly [string, (h: string) => string]> = [
    ["diff", (h) => renderDiffMarkdown(hostileDiff(h))],
    ["diff for pr-review (lock named in the heading)", (h) => renderDiffMarkdown(hostileDiff(h), { lock: h })],
    ["trace", (h) => renderTraceMarkdown(hostileTrace(h))],
    ["fleet", (h) => renderFleetMarkdown(hostileFleet(h))],
    ["check", (h) => renderCheckMarkdown(hostileCheck(h))],
    ["resolve", (h) => renderResolveMarkdown(hostileResolve(h))],
  ];
  describe.each(renderers)("%s", (_name, render) => {
    it.each(ALL)("%j", (h) => {
      expect(gfmProblems(render(h))).toEqual([]);
    });
  });
});

/** Every Markdown golden, rendered as GitHub would: nothing live, every table row whole. */
describe("Markdown goldens", () => {
  const root = path.join(import.meta.dirname, "../golden");
  const goldens = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md"));
  it("exist", () => expect(goldens.length).toBeGreaterThanOrEqual(16));
  it.each(goldens)("%s", (file) => {
    expect(gfmProblems(readFileSync(path.join(root, file), "utf8"))).toEqual([]);
  });
});

describe("the audit itself notices what it is for", () => {
  it.each([
    ["live HTML", "a <img src=x onerror=alert(1)> b", "element <img"],
    ["a mention", "hi @admin", "live text"],
    ["a javascript: link", "[x](javascript:alert(1))", "link"],
    ["a bare URL", "see https://evil.example", "link"],
    ["a split table row", "| a | b |\n|---|---|\n| `x\\\\|y` | z |", "table row 1 has 3 cells"],
  ])("%s", (_what, md, problem) => {
    expect(gfmProblems(md).join("\n")).toContain(problem);
  });
});
