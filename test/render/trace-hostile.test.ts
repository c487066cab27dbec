import { describe, expect, it } from "vitest";
import type { TraceReport } from "../../src/domain/closure/trace-report.js";
import type { InputFacts } from "../../src/domain/lock/input-facts.js";
import { renderTraceMarkdown } from "../../src/render/trace/markdown.js";
import { renderTraceText } from "../../src/render/trace/text.js";

const ESC = "\u001b";
/** One string with every kind of hostile content the escape helpers must neutralise. */
const HOSTILE = [
  `${ESC}[31mred${ESC}[0m`,
  `${ESC}]8;;https://evil.example${ESC}\\link${ESC}]8;;${ESC}\\`,
  `${ESC}]0;title\u0007`,
  "\u202Eevil\u2066\u200F\u061C\u200B\uFEFF",
  "line\nbreak\r\u2028sep",
  "<img src=x onerror=alert(1)><details>",
  "@admin #123 [x](http://e.vil) ![i](http://e.vil/i.png) <http://e.vil> www.e.vil",
  "| pipe ` tick",
].join(" ");

function facts(s: string): InputFacts {
  return {
    input: `in ${s}`,
    inputPaths: [`in ${s}`, `also ${s}`],
    type: `type ${s}`,
    url: `url ${s}`,
    rev: `rev ${s}`,
    narHash: `nar ${s}`,
    lastModified: `date ${s}`,
  };
}

function report(s: string): TraceReport {
  return {
    schemaVersion: 1,
    tool: { name: "flake-audit", version: "0.0.0-test" },
    path: `/nix/store/${s}`,
    kind: "output",
    attribution: "none",
    deriver: `drv ${s}`,
    inputs: [facts(s)],
    sources: [{ path: `src ${s}`, via: "references", depth: 1, inputs: [facts(s)] }],
    chain: [`chain ${s}`, `chain2 ${s}`],
    nearestAttributed: { path: `near ${s}`, inputs: [facts(s)] },
    notes: [`note ${s}`],
    gaps: [{ reason: `gap ${s}` }],
  };
}

const HIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]/;

/** The text outside inline code spans (CommonMark: a run of n backticks up to the next run of exactly n). */
function withoutCodeSpans(md: string): string {
  let out = "";
  let i = 0;
  while (i < md.length) {
    const open = /(?<!\\)`+/g; // an escaped backtick opens nothing
    open.lastIndex = i;
    const m = open.exec(md);
    if (m === null) return out + md.slice(i);
    out += md.slice(i, m.index);
    const close = new RegExp(`(?<!\`)${m[0]}(?!\`)`, "g");
    close.lastIndex = m.index + m[0].length;
    const c = close.exec(md);
    if (c === null) return out + md.slice(m.index);
    i = c.index + m[0].length;
  }
  return out;
}

describe("trace renderers escape every string from outside the program", () => {
  it("text: no control, escape-sequence remnant or invisible character, and no injected lines", () => {
    const out = renderTraceText(report(HOSTILE));
    expect(out).not.toMatch(HIDDEN);
    expect(out).not.toMatch(/\u200b/);
    expect(out).not.toContain("[31m");
    expect(out).not.toContain("]8;;");
    // Unwrapped (a width no line reaches), so that a line more can only be an injected one.
    const unwrapped = (r: ReturnType<typeof report>) => renderTraceText(r, { width: 1e9 }).split("\n").length;
    expect(unwrapped(report(HOSTILE))).toBe(unwrapped(report("benign")));
  });

  it("markdown: no HTML, no live mention, reference, link or image, hidden characters shown", () => {
    const out = renderTraceMarkdown(report(HOSTILE));
    expect(out).not.toMatch(HIDDEN);
    expect(out).not.toContain("]8;;");
    expect(out).toContain("‹U+202E›");
    // Outside code spans HTML is entity-escaped; inside them it is inert. Strip code spans and check the rest.
    const prose = withoutCodeSpans(out);
    expect(prose).not.toMatch(/<img|<details/);
    expect(prose).not.toMatch(/@[A-Za-z0-9]/);
    expect(prose).not.toMatch(/(?<!\\)#\d/);
    expect(prose).not.toMatch(/(?<!\\)\]\(/);
    expect(prose).not.toMatch(/https?:\/\//);
    expect(out.split("\n").length).toBe(renderTraceMarkdown(report("benign")).split("\n").length);
  });
});
