import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  axeViolations,
  hasChromium,
  launchChromium,
  openHtml,
  publishScreenshots,
  reportChromiumSkip,
  screenshot,
  scrollWidth,
} from "../support/browser.js";
import {
  checkCase,
  diffCase,
  diffImpactCase,
  fleetCase,
  graphCase,
  sbomCase,
  traceCases,
  type HtmlCase,
} from "../support/html-reports.js";

reportChromiumSkip("HTML reports in chromium");

/** How many of each thing the JSON report has, and the selector that counts it on the page. */
type Json = Record<string, unknown[]> & { hosts?: Array<{ generations: unknown[] }> };
const COUNTS: Record<string, (j: Json) => Array<[string, number]>> = {
  check: (j) => [
    ["[data-finding]", j.findings?.length ?? 0],
    ["[data-suppressed]", j.suppressed?.length ?? 0],
    ["[data-gap]", j.gaps?.length ?? 0],
  ],
  diff: (j) => [
    [".change", j.changes?.length ?? 0],
    ["tr.finding", j.findings?.length ?? 0],
    ["[data-gap]", j.gaps?.length ?? 0],
  ],
  fleet: (j) => [
    ["[data-host]", j.hosts?.length ?? 0],
    ["tr.system", j.groups?.length ?? 0],
    ["tr.finding", j.findings?.length ?? 0],
    ["[data-generation]", (j.hosts ?? []).reduce((n, x) => n + x.generations.length, 0)],
    ["[data-gap]", j.gaps?.length ?? 0],
  ],
  sbom: () => [
    ["tr.pinning", 4],
    ["#graph svg", 1],
  ],
  graph: () => [["main svg[role=img]", 1]],
  trace: (j) => [
    ["[data-chain]", j.chain?.length ?? 0],
    ["tr.input", j.inputs?.length ?? 0],
    ["tr.source", j.sources?.length ?? 0],
    ["[data-gap]", j.gaps?.length ?? 0],
  ],
};

/** Numbers the page states against the JSON's: the headline counts, and the SBOM summary's inputs. */
type Bom = { components?: Array<{ "bom-ref"?: string }> };
const STATED: Record<string, (j: Json) => Array<[string, number]>> = {
  check: (j) => [["[data-count=findings] b", j.findings?.length ?? 0]],
  diff: (j) => [["[data-count=changes] b", j.changes?.length ?? 0]],
  fleet: (j) => [["[data-count=hosts] b", j.hosts?.length ?? 0]],
  trace: (j) => [["[data-count=chain] b", j.chain?.length ?? 0]],
  graph: () => [],
  sbom: (j) => {
    const inputs = ((j as unknown as Bom).components ?? []).filter((c) => c["bom-ref"]?.startsWith("input:")).length;
    return [["[data-count=inputs] b", inputs]];
  },
};

/** diff with installables: per installable, the package changes listed and stated equal the JSON's. */
type Installable = { status: string } & Record<string, unknown[] | string | number | undefined>;
async function expectImpactCounts(page: Page, json: Json, where: string): Promise<void> {
  const installables = ((json as { impact?: { installables: Installable[] } }).impact?.installables ??
    []) as Installable[];
  const articles = page.locator("article.installable");
  expect(await articles.count(), where).toBe(installables.length);
  for (const [n, i] of installables.entries()) {
    const article = articles.nth(n);
    const len = (k: string) => (Array.isArray(i[k]) ? i[k].length : 0);
    const listed: Array<[string, number]> =
      i.status === "failed"
        ? [["[data-failed]", 1]]
        : [
            ["tr.version-change", len("versionChanges")],
            ["li.pkg-added", len("added")],
            ["li.pkg-removed", len("removed")],
            ["li.pkg-rebuilt", len("rebuilt")],
            ["tr.licence-change", len("licences")],
          ];
    for (const [selector, count] of listed)
      expect(await article.locator(selector).count(), `${where} ${n} ${selector}`).toBe(count);
    if (i.status === "failed") continue;
    const stated: Array<[string, number]> = [
      ["version-changes", len("versionChanges")],
      ["added", len("added")],
      ["removed", len("removed")],
      ["rebuilt", len("rebuilt")],
      ["rebuild", Number(i["rebuildCount"])],
      ...(i["licences"] !== undefined ? [["licence-changes", len("licences")] as [string, number]] : []),
    ];
    for (const [key, count] of stated)
      expect(await article.locator(`[data-count=${key}] b`).innerText(), `${where} ${n} ${key}`).toBe(String(count));
  }
}

const WIDE = 1280;
const NARROW = 390;

const TRACE_SHOWN = ["output-with-derivations", "source-of-input", "hostile-strings", "undecided-lock-only"];
const traceCase = (name: string) => async (): Promise<HtmlCase> => {
  const c = (await traceCases()).find((x) => x.name === `trace-${name}`);
  if (c === undefined) throw new Error(`no trace scenario ${name}`);
  return c;
};
const CASES: Array<[string, () => Promise<HtmlCase>]> = [
  ["check", checkCase],
  ["diff", diffCase],
  ["diff-impact", diffImpactCase],
  ["fleet", fleetCase],
  ["sbom", sbomCase],
  ["graph", graphCase],
  ...TRACE_SHOWN.map((n): [string, () => Promise<HtmlCase>] => [`trace-${n}`, traceCase(n)]),
];

describe.skipIf(!hasChromium)("HTML reports in a real browser (chromium)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    publishScreenshots(
      ["check", "diff", "diff-impact", "fleet", "sbom", "graph", "trace-output-with-derivations"].map(
        (n) => `${n}-${WIDE}`,
      ),
    );
  });

  // One page per width and colour scheme: light at 1280 px, dark at 390 px; every check on each.
  it.each(CASES)(
    "%s: nothing runs or loads, counts equal the JSON's, no overflow at 390 px, axe clean",
    async (name, load) => {
      const c = await load();
      const json = (name === "graph" ? {} : JSON.parse(c.json)) as Json;
      for (const [width, scheme] of [
        [WIDE, "light"],
        [NARROW, "dark"],
      ] as const) {
        const { page, record, close } = await openHtml(browser, c.html, { width, colorScheme: scheme });
        const where = `${name} ${scheme} ${width}`;
        expect(record, where).toEqual({ consoleErrors: [], pageErrors: [], requests: [], failed: [], dialogs: [] });
        for (const [selector, n] of COUNTS[name.split("-")[0] ?? ""]!(json))
          expect(await page.locator(selector).count(), `${where}: ${selector}`).toBe(n);
        for (const [selector, n] of STATED[name.split("-")[0] ?? ""]!(json))
          expect(await page.locator(selector).innerText(), `${where}: ${selector}`).toBe(String(n));
        if (name === "diff-impact") await expectImpactCounts(page, json, where);
        expect(await scrollWidth(page), where).toBeLessThanOrEqual(width);
        expect(await axeViolations(page), where).toEqual([]);
        await screenshot(page, `${name}-${width}`);
        await close();
      }
    },
    180_000,
  );
});
