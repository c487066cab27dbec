import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderCheckText } from "../../src/render/check/text.js";
import { renderDiffText } from "../../src/render/diff/text.js";
import { renderFleetText } from "../../src/render/fleet/text.js";
import { renderIssues } from "../../src/render/issue-text.js";
import { renderResolveText } from "../../src/render/resolve/text.js";
import { renderTraceText } from "../../src/render/trace/text.js";
import { runCli } from "../support/cli.js";
import { hostileCheck, hostileDiff, hostileFleet, hostileResolve, hostileTrace } from "../support/hostile-reports.js";

const ESC = "\u001b";
/** What a report, lock, store or upstream can put in a field to act on a terminal or forge a line. */
const HOSTILE: ReadonlyArray<readonly [string, string]> = [
  ["CSI (colour, clear screen, cursor up)", `x${ESC}[31m${ESC}[2J${ESC}[1A`],
  ["8-bit CSI", "x\u009b31m"],
  ["OSC 8 hyperlink", `${ESC}]8;;https://evil.example${ESC}\\x${ESC}]8;;${ESC}\\`],
  ["OSC window title ended by BEL", `x${ESC}]0;pwned\u0007`],
  ["bidi override and isolates", "x\u202Eevil\u2066y\u2069"],
  ["a newline that starts a forged line", "x\nFORGED: 0 findings, all paths trusted"],
  ["CR and LF", "x\r\nFORGED: 0 findings"],
  ["a carriage return that overwrites the line", "x\rFORGED: approved"],
  ["line and paragraph separators", "x\u2028FORGED\u2029FORGED"],
  ["a tab", "x\tFORGED"],
];

/** No terminal control, hidden character or line that outside text began. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/;

function expectInert(out: string): void {
  expect(out).not.toMatch(ACTIVE);
  for (const line of out.split("\n")) expect(line).not.toMatch(/^\s*FORGED/);
}

/**
 * Unwrapped: wrapping starts continuation lines (indented deeper than their first line) at any word,
 * outside words included, and is tested on its own (wrap.test.ts, check-width.test.ts). What this
 * table asks is that no outside character starts a line of its own.
 */
const W = { width: 100_000 } as const;

describe("every field a text renderer prints from outside passes the terminal escaper", () => {
  const renderers: ReadonlyArray<readonly [string, (h: string) => string]> = [
    ["fleet (host name, system, generation date, inputs, findings, gaps)", (h) => renderFleetText(hostileFleet(h), W)],
    ["diff", (h) => renderDiffText(hostileDiff(h), { color: false, ...W })],
    ["trace", (h) => renderTraceText(hostileTrace(h), W)],
    ["check", (h) => renderCheckText(hostileCheck(h), W)],
    ["resolve", (h) => renderResolveText(hostileResolve(h), W)],
  ];
  describe.each(renderers)("%s", (_name, render) => {
    it.each(HOSTILE)("%s", (_what, h) => expectInert(render(h)));
  });

  it("fleet: a host report's generation date is shown without its escape sequences", () => {
    const out = renderFleetText(hostileFleet(`2026-01-01${ESC}]0;pwned\u0007${ESC}[31m\u202E`));
    expect(out).toContain("generation 3 (2026-01-01)");
  });
});

describe("an error message quoting outside text stays on its own lines", () => {
  it.each(HOSTILE)("renderIssues, every field: %s", (_what, h) => {
    const out = renderIssues([
      {
        origin: h,
        pointer: `/${h}`,
        message: h,
        expected: h,
        received: h,
        example: h,
        next: h,
        position: { line: 1, column: 2 },
      },
    ]);
    expectInert(out);
    expect(out.split("\n").filter((l) => l !== "")).toHaveLength(5);
  });

  it("a store path name with a newline in a closure file does not forge a line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-nl-"));
    const file = path.join(dir, "closure.json");
    const info = { narHash: "sha256-FHbp1aFa0rVZupl2xvW0Aacim14444Vl9Qhdui2bBmM=", narSize: 1, references: [] };
    writeFileSync(file, JSON.stringify({ "/nix/store/0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a-a\nFORGED: verified": info }));
    const r = await runCli(["sbom", "--offline", "--reproducible", "--closure", file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("not a valid store path");
    expectInert(r.stderr);
  });

  it("a file name with a newline does not forge a line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-nl-"));
    const r = await runCli(["sbom", "--offline", path.join(dir, "a\nFORGED: all good", "flake.lock")]);
    expect(r.code).toBe(3);
    expectInert(r.stderr);
  });

  it("a usage error quoting a value with a newline does not forge a line", async () => {
    const r = await runCli(["sbom", "--reproducible"], { env: { SOURCE_DATE_EPOCH: "1\nFORGED: ok" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("SOURCE_DATE_EPOCH");
    expectInert(r.stderr);
  });
});
