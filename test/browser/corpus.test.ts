import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  axeViolations,
  hasChromium,
  launchChromium,
  openHtml,
  reportChromiumSkip,
  scrollWidth,
} from "../support/browser.js";
import { runCli } from "../support/cli.js";
import { CORPUS, hasCorpus } from "../support/paths.js";

reportChromiumSkip("HTML reports of corpus locks in chromium");
if (!hasCorpus) console.warn(`SKIPPED: HTML reports of corpus locks: ${CORPUS} does not exist`);

const NYX = "NotAShelf__nyx__14a69a9a72b1.flake.lock";
const lock = (f: string): string => path.join(CORPUS, "locks", f);
/**
 * The first update and the first add-remove pair of pairs.tsv; none without the corpus (it.each
 * builds its cases while the file is collected, before skipIf can skip them).
 */
const pairs = (): string[][] => {
  if (!hasCorpus) return [];
  const rows = readFileSync(path.join(CORPUS, "pairs.tsv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split("\t"));
  return [rows.find((r) => r[5]?.startsWith("update")), rows.find((r) => r[5]?.startsWith("add-remove"))].filter(
    (r): r is string[] => r !== undefined,
  );
};

describe.skipIf(!hasChromium || !hasCorpus)("HTML reports of real corpus locks in chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  async function clean(html: string, what: string): Promise<import("playwright-core").Page> {
    const { page, record } = await openHtml(browser, html, { width: 390 });
    expect(record, what).toEqual({ consoleErrors: [], pageErrors: [], requests: [], failed: [], dialogs: [] });
    expect(await scrollWidth(page), what).toBeLessThanOrEqual(390);
    expect(await axeViolations(page), what).toEqual([]);
    return page;
  }

  it("check of the 257-node lock: findings and inputs equal the JSON's", async () => {
    const argv = ["check", lock(NYX), "--lock-only", "--now", "2026-11-25", "--fail-on", "none"];
    const html = await runCli([...argv, "--format", "html"]);
    const json = JSON.parse((await runCli([...argv, "--format", "json"])).stdout) as { findings: unknown[] };
    const page = await clean(html.stdout, "check nyx");
    expect(await page.locator("[data-count=findings] b").innerText()).toBe(String(json.findings.length));
    const listed = await page.locator("[data-finding]").count();
    const more = await page
      .locator("[data-more]")
      .evaluateAll((es) => es.map((e) => Number(e.getAttribute("data-more"))));
    expect(listed + more.reduce((a, b) => a + b, 0)).toBe(json.findings.length);
    expect(await page.locator("tr.input").count()).toBe(
      Number(await page.locator("[data-count=inputs] b").innerText()),
    );
  });

  it("graph of the 257-node lock", async () => {
    await clean((await runCli(["graph", lock(NYX), "--format", "html", "--now", "2026-11-25"])).stdout, "graph nyx");
  });

  it.each(pairs().map((p) => [p[5]?.split(";")[0] ?? "", p] as const))("diff of a corpus %s pair", async (_k, p) => {
    const argv = [
      "diff",
      path.join(CORPUS, p[3] ?? ""),
      path.join(CORPUS, p[4] ?? ""),
      "--lock-only",
      "--now",
      "2026-11-25",
    ];
    const html = await runCli([...argv, "--format", "html"]);
    const json = JSON.parse((await runCli([...argv, "--format", "json"])).stdout) as { changes: unknown[] };
    const page = await clean(html.stdout, `diff ${p[3]}`);
    expect(await page.locator(".change").count()).toBe(json.changes.length);
  });
});
