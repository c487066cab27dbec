import { readdirSync } from "node:fs";
import path from "node:path";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { CORPUS, hasCorpus } from "../support/paths.js";

// Issue 18, "Readable at 80 columns": check's text report wraps its prose to the width (80 when
// stdout is not a terminal); a line may be wider only when it is one word (a URL, a path) that
// cannot be broken.

const LOCKS = path.join(CORPUS, "locks");
const check = (lock: string, columns?: number) =>
  runCli(["check", lock, "--lock-only", "--now", "2026-11-25", "--fail-on", "none"], {
    cwd: LOCKS,
    ...(columns !== undefined ? { isTTY: true, columns } : {}),
  });

/** The lines wider than `width` that hold more than one word. */
const tooWide = (text: string, width: number): string[] =>
  text.split("\n").filter((l) => stringWidth(l) > width && l.trim().includes(" "));

if (!hasCorpus) console.warn(`skipping the check width tests: ${CORPUS} does not exist`);

describe.skipIf(!hasCorpus)("check's text report at the terminal's width", () => {
  const locks = hasCorpus ? readdirSync(LOCKS).filter((f) => f.endsWith(".lock")) : [];

  it("no line of prose over 80 columns on any corpus lock (stdout not a terminal)", async () => {
    expect(locks.length).toBeGreaterThan(50);
    const over: string[] = [];
    let reports = 0;
    for (const lock of locks) {
      const r = await check(lock);
      // A few corpus locks are refused on purpose (exit 3): they have no report to measure.
      if (r.code === 3) continue;
      expect(r.code, `${lock}: ${r.stderr}`).toBe(0);
      reports++;
      over.push(...tooWide(r.stdout, 80).map((l) => `${lock}: ${l}`));
    }
    expect(reports).toBeGreaterThan(50);
    expect(over).toEqual([]);
  });

  it("a terminal's own width, wide or narrow", async () => {
    const lock = "NotAShelf__nyx__14a69a9a72b1.flake.lock";
    const wide = await check(lock, 160);
    const narrow = await check(lock, 60);
    expect(tooWide(narrow.stdout, 60)).toEqual([]);
    expect(tooWide(wide.stdout, 160)).toEqual([]);
    expect(Math.max(...wide.stdout.split("\n").map((l) => stringWidth(l)))).toBeGreaterThan(80);
    // Only where lines break differs: the words are the same.
    expect(wide.stdout.split(/\s+/)).toEqual(narrow.stdout.split(/\s+/));
  });
});
