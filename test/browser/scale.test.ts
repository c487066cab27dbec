import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLock } from "../../bench/generate.mjs";
import { hasChromium, launchChromium, openHtml, reportChromiumSkip, scrollWidth } from "../support/browser.js";
import { runCli } from "../support/cli.js";

reportChromiumSkip("a large HTML check report in chromium");

/** check of a generated lock as HTML and JSON (the bench's lock generator; bench/html.mjs times the 10,000-node one). */
async function largeCheck(nodes: number): Promise<{ html: string; json: { findings: unknown[] } }> {
  const dir = mkdtempSync(path.join(tmpdir(), "fa-html-scale-"));
  writeFileSync(path.join(dir, "flake.lock"), generateLock(nodes));
  const argv = ["check", "flake.lock", "--lock-only", "--now", "2026-11-25", "--fail-on", "none", "--format"];
  const [html, json] = [await runCli([...argv, "html"], { cwd: dir }), await runCli([...argv, "json"], { cwd: dir })];
  expect(html.stderr).toBe("");
  return { html: html.stdout, json: JSON.parse(json.stdout) as { findings: unknown[] } };
}

describe.skipIf(!hasChromium)("a large check report in chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it("every input row is on the page, the counts equal the JSON's, and only the chunks near the screen are laid out", async () => {
    const { html, json } = await largeCheck(3000);
    for (const width of [1280, 390]) {
      const { page, record, close } = await openHtml(browser, html, { width });
      expect(record).toEqual({ consoleErrors: [], pageErrors: [], requests: [], failed: [], dialogs: [] });
      const rows = await page.locator("tr.input").count();
      expect(rows).toBeGreaterThan(1000);
      expect(await page.locator("[data-count=inputs] b").innerText()).toBe(String(rows));
      expect(await page.locator("[data-count=findings] b").innerText()).toBe(String(json.findings.length));
      const more = (await page.evaluate(
        "[...document.querySelectorAll('[data-more]')].reduce((n, e) => n + Number(e.dataset.more), 0)",
      )) as number;
      expect((await page.locator("[data-finding]").count()) + more).toBe(json.findings.length);
      // content-visibility: the layout tree holds a small part of the DOM until the reader scrolls.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Performance.enable");
      const { metrics } = await cdp.send("Performance.getMetrics");
      const metric = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
      expect(metric("LayoutObjects")).toBeLessThan(metric("Nodes") / 10);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      const last = page.locator("tr.input").last();
      await last.scrollIntoViewIfNeeded();
      expect(await last.isVisible()).toBe(true);
      // A chunk scrolled to is rendered on the next frames (until then its text is skipped).
      await expect.poll(async () => (await last.innerText()).length, { timeout: 10_000 }).toBeGreaterThan(0);
      // Printed (a compliance report becomes a PDF), every chunk is laid out.
      await page.emulateMedia({ media: "print" });
      await page.evaluate("document.body.offsetHeight");
      const printed = (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "LayoutObjects");
      expect(printed?.value ?? 0).toBeGreaterThan(metric("Nodes") / 5);
      await close();
    }
  }, 240_000);

  it("a fleet of 1,000 hosts: every card and timeline on the page, the cards off the screen not laid out", async () => {
    const { renderFleetHtml } = await import("../../src/render/fleet/html.js");
    const { hostileFleet } = await import("../support/hostile-reports.js");
    const base = hostileFleet("x");
    const hosts = Array.from({ length: 1000 }, (_, i) => ({ ...base.hosts[0]!, name: `host-${i}` }));
    const { page, record, close } = await openHtml(browser, renderFleetHtml({ ...base, hosts }), { width: 1280 });
    expect(record).toEqual({ consoleErrors: [], pageErrors: [], requests: [], failed: [], dialogs: [] });
    expect(await page.locator("[data-host]").count()).toBe(1000);
    expect(await page.locator("[data-generation]").count()).toBe(1000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const metric = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
    expect(metric("LayoutObjects")).toBeLessThan(metric("Nodes") / 5);
    await close();
  }, 120_000);
});
