import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RENDERERS } from "../../src/render/formats.js";
import { cspViolations, hasChromium, launchChromium, openHtml, reportChromiumSkip } from "../support/browser.js";
import { runCli } from "../support/cli.js";
import { HOSTILE, hostileLock } from "../support/hostile-lock.js";
import { hostileDiff, hostileFleet, hostileImpact, hostileTrace } from "../support/hostile-reports.js";

reportChromiumSkip("hostile HTML reports in chromium");

async function hostileCheckHtml(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "fa-html-hostile-"));
  writeFileSync(path.join(dir, "flake.lock"), hostileLock());
  const r = await runCli(
    ["check", "flake.lock", "--lock-only", "--now", "2026-01-01", "--format", "html", "--fail-on", "none"],
    {
      cwd: dir,
    },
  );
  expect(r.stderr).toBe("");
  return r.stdout;
}

/** A command's output over the hostile lock, in a directory of its own; `file` reads a file it wrote instead of stdout. */
async function hostileLockRun(argv: string[], file?: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "fa-html-hostile-"));
  writeFileSync(path.join(dir, "flake.lock"), hostileLock());
  const r = await runCli(argv, { cwd: dir, env: { SOURCE_DATE_EPOCH: "1764547200" } });
  expect(r.code, r.stderr).toBe(0);
  return file !== undefined ? readFileSync(path.join(dir, file), "utf8") : r.stdout;
}

const pwned = async (page: Page): Promise<unknown> => page.evaluate("window.__pwned");
const hrefs = async (page: Page): Promise<string[]> =>
  (await page.evaluate(
    "[...document.querySelectorAll('[href],[src],[style],[onerror]')].map((e) => e.outerHTML)",
  )) as string[];

describe.skipIf(!hasChromium)("hostile text in every HTML report runs nothing and shows as text", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  const pages: Array<[string, () => Promise<string>]> = [
    ["check of a hostile lock", hostileCheckHtml],
    [
      "diff with installables",
      async () => (await RENDERERS.diff.html())({ ...hostileDiff(HOSTILE), impact: hostileImpact(HOSTILE) }),
    ],
    ["fleet", async () => (await RENDERERS.fleet.html())(hostileFleet(HOSTILE))],
    ["trace", async () => (await RENDERERS.trace.html())(hostileTrace(HOSTILE))],
    [
      "sbom --html-report of a hostile lock",
      () =>
        hostileLockRun(
          [
            "sbom",
            "flake.lock",
            "--name",
            "demo",
            "--reproducible",
            "-o",
            "sbom.json",
            "--html-report",
            "summary.html",
          ],
          "summary.html",
        ),
    ],
    ["graph --format html of a hostile lock", () => hostileLockRun(["graph", "flake.lock", "--format", "html"])],
  ];

  it.each(pages)("%s", async (name, make) => {
    const html = await make();
    const { page, record, close } = await openHtml(browser, html, { width: 1280 });
    expect(await pwned(page)).toBeUndefined();
    expect(record).toEqual({ consoleErrors: [], pageErrors: [], requests: [], failed: [], dialogs: [] });
    // Nothing was parsed as markup: no element the payload would create, no javascript: link.
    expect(
      await page.locator("main script, main img, main image, main style, main foreignObject, [onerror]").count(),
    ).toBe(0);
    for (const el of await hrefs(page))
      expect(el).toMatch(/^<a href="https?:\/\/[^"]*" rel="noopener noreferrer nofollow">/);
    // The text is there to read, the bidi override shown as a visible mark, and the page is not hidden.
    // A graph shortens long labels on the drawing and gives each node's whole text as its <title>.
    const main = page.locator("main");
    const text = name.startsWith("graph") ? ((await main.textContent()) ?? "") : await main.innerText();
    if (name.startsWith("graph")) expect(await main.innerText()).toContain("<script>window.__pwned=1</script>");
    expect(text).toContain('<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2;alert(1)">');
    expect(text).toContain("‹U+202E›");
    expect(await page.locator("main").isVisible()).toBe(true);
    await close();
  });

  // A standalone SVG document has no CSP: its escaping is the only wall, so it is opened as one.
  it("graph --format svg of a hostile lock, opened as an SVG document", async () => {
    const svg = await hostileLockRun(["graph", "flake.lock", "--format", "svg"]);
    const { page, record, close } = await openHtml(browser, svg, { width: 1280, fileName: "graph.svg" });
    expect(await page.evaluate("document.documentElement.namespaceURI")).toBe("http://www.w3.org/2000/svg");
    expect(await pwned(page)).toBeUndefined();
    expect(record).toEqual({ consoleErrors: [], pageErrors: [], requests: [], failed: [], dialogs: [] });
    expect(await page.locator("script, style, image, foreignObject, a, [onerror], [onload]").count()).toBe(0);
    expect(await hrefs(page)).toEqual([]);
    // Labels are shortened on the drawing; each node's <title> carries its whole text, as text.
    const text = (await page.evaluate("document.documentElement.textContent")) as string;
    expect(text).toContain('<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2;alert(1)">');
    expect(text).toContain("javascript:window.__pwned=3");
    expect(text).toContain("‹U+202E›");
    await close();
  });

  it("the CSP is a second wall: markup injected past the escaping is blocked and reported, not run", async () => {
    const escaped = await hostileCheckHtml();
    const injected = escaped.replace(
      "<main>",
      '<main><script>window.__pwned=9</script><p id="styled" style="display:none">styled</p><img alt="" src="https://example.invalid/x.png"><iframe title="f" srcdoc="<script>parent.__pwned=8</script>"></iframe>',
    );
    const { page, record, close } = await openHtml(browser, injected, { width: 1280 });
    expect(await pwned(page)).toBeUndefined();
    expect(record.dialogs).toEqual([]);
    // The image was asked for and refused by the CSP before it reached the network.
    expect(record.failed).toEqual(["https://example.invalid/x.png csp"]);
    expect(await page.locator("#styled").isVisible()).toBe(true);
    const violations = await cspViolations(page);
    expect(violations.some((v) => v.startsWith("script-src"))).toBe(true);
    expect(violations.some((v) => v.startsWith("style-src"))).toBe(true);
    expect(violations.some((v) => v.startsWith("img-src"))).toBe(true);
    expect(record.consoleErrors.some((e) => /Content Security Policy/.test(e))).toBe(true);
    await close();
  });
});
