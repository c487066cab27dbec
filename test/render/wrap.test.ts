import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { displayWidth, NARROW_MARKS, wrapLine, wrapLines } from "../../src/render/wrap.js";

describe("wrapLine", () => {
  it("a line within the width is left as it is", () => {
    expect(wrapLine("  short line", 80)).toEqual(["  short line"]);
  });

  it("breaks at spaces, with the line's indent and a hanging two", () => {
    const line = `    why: ${"word ".repeat(20).trim()}`;
    const out = wrapLine(line, 40);
    expect(out.length).toBeGreaterThan(1);
    expect(out[0]?.startsWith("    why: ")).toBe(true);
    for (const l of out.slice(1)) expect(l.startsWith("      word")).toBe(true);
    for (const l of out) expect(l.length).toBeLessThanOrEqual(40);
    expect(out.join(" ").split(/\s+/)).toEqual(line.split(/\s+/));
  });

  it("a lead-in arrow or bullet stays with the long word after it", () => {
    const url = `'https://example.org/${"x".repeat(90)}'`;
    expect(wrapLine(`  → ${url} (2026-06-18)`, 80)).toEqual([`  → ${url}`, "    (2026-06-18)"]);
  });

  it("a URL or path longer than the room stands whole on its own line", () => {
    const url = `https://github.com/acme/lib/compare/${"a".repeat(40)}...${"b".repeat(40)}`;
    const out = wrapLine(`  ahead: 2 ahead, 0 behind; ${url} (see there)`, 60);
    expect(out).toContain(`    ${url}`);
  });

  it("counts wide characters as two columns and colour as none", () => {
    const cjk = "日本語の入力".repeat(3); // 18 characters, 36 columns
    const out = wrapLine(`${cjk} ${cjk} ${cjk}`, 80);
    expect(out).toEqual([`${cjk} ${cjk}`, `  ${cjk}`]);
    const red = (s: string) => `\u001b[31m${s}\u001b[0m`;
    const coloured = `${red("HIGH")} ${"x".repeat(70)}`;
    expect(wrapLine(coloured, 80)).toEqual([coloured]);
  });

  it("never narrower than 40 columns", () => {
    expect(wrapLine("one two three four five six seven eight", 10)).toEqual([
      "one two three four five six seven eight",
    ]);
  });
});

describe("wrapLines", () => {
  it("keeps the lines it is told to keep", () => {
    const long = "a ".repeat(50).trim();
    expect(wrapLines([long, long], 40, (i) => i === 1).slice(-1)).toEqual([long]);
    expect(wrapLines([long], 40).length).toBeGreaterThan(1);
  });
});

describe("displayWidth", () => {
  it("is string-width's count for each mark the reports print and for printable ASCII", () => {
    for (const c of NARROW_MARKS) expect([c, displayWidth(c)]).toEqual([c, stringWidth(c)]);
    for (let code = 0x20; code <= 0x7e; code++) {
      const c = String.fromCharCode(code);
      expect(displayWidth(c)).toBe(stringWidth(c));
    }
  });

  it("is string-width's count for any mix of them, and for what is not among them", () => {
    const pool = [...NARROW_MARKS, "a", " ", "~", "é", "日", "👍", "e\u0301", "\u001b[31m", "\u200d", "\u00ad"];
    let seed = 7;
    const pick = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return pool[seed % pool.length];
    };
    for (let n = 0; n < 500; n++) {
      const s = Array.from({ length: 1 + (n % 12) }, pick).join("");
      expect([s, displayWidth(s)]).toEqual([s, stringWidth(s)]);
    }
  });
});
