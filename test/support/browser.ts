import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { REPO } from "./paths.js";

/**
 * The real-browser harness of the HTML reports: Debian's chromium driven by playwright-core (no
 * browser download). A page is loaded from a file:// URL; every other request the harness sees is
 * one the page tried to make, and there must be none.
 */
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

/** Under FLAKE_AUDIT_REQUIRE_NIX=1 (CI, as for nix and sshd) a missing chromium is a failure, not a skip. */
export function reportChromiumSkip(suite: string): void {
  if (hasChromium) return;
  if (process.env["FLAKE_AUDIT_REQUIRE_NIX"] === "1")
    throw new Error(`${suite}: chromium is required (FLAKE_AUDIT_REQUIRE_NIX=1) but ${CHROMIUM} is missing`);
  console.warn(`SKIPPED: ${suite} needs chromium at ${CHROMIUM} (apt-get install chromium); it is not installed`);
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });

/** The CSP violations the page reported (securitypolicyviolation events), as `directive blocked-uri`. */
export const cspViolations = async (page: Page): Promise<string[]> =>
  (await page.evaluate("window.__cspViolations")) as string[];

/** What the page did besides showing itself: each list must stay empty for a report. */
export interface PageRecord {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly requests: string[];
  /** Requests that failed before reaching the network, with the browser's reason (ERR_BLOCKED_BY_CSP). */
  readonly failed: string[];
  readonly dialogs: string[];
}

export interface OpenedPage {
  readonly page: Page;
  readonly record: PageRecord;
  close(): Promise<void>;
}

/**
 * Opens `html` at a viewport width with everything recorded. CSP violations are collected into
 * `window.__cspViolations` by a listener that playwright installs outside the page's CSP (as an
 * extension would), so the page itself never needs a script.
 */
export async function openHtml(
  browser: Browser,
  html: string,
  opts: {
    readonly width: number;
    readonly colorScheme?: "light" | "dark";
    /** The file's name: `graph.svg` opens the text as an SVG document (which has no CSP of its own). */
    readonly fileName?: string;
  },
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: opts.width, height: 900 },
    colorScheme: opts.colorScheme ?? "light",
    javaScriptEnabled: true,
  });
  const page = await context.newPage();
  const record: PageRecord = { consoleErrors: [], pageErrors: [], requests: [], failed: [], dialogs: [] };
  page.on("console", (m) => {
    if (m.type() === "error") record.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => record.pageErrors.push(String(e)));
  page.on("requestfailed", (r) => record.failed.push(`${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("dialog", (d) => {
    record.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript({
    content: `window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));`,
  });
  // A file:// page (not setContent) gets the init script; its own load is the one request not recorded.
  const dir = mkdtempSync(path.join(tmpdir(), "fa-browser-"));
  const file = path.join(dir, opts.fileName ?? "report.html");
  writeFileSync(file, html);
  const own = pathToFileURL(file).href;
  page.on("request", (r) => {
    if (r.url() !== own) record.requests.push(r.url());
  });
  await page.goto(own, { waitUntil: "load" });
  return { page, record, close: () => context.close() };
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly nodes: string[];
}

/**
 * axe-core's serious and critical violations of the page. axe is evaluated through the DevTools
 * protocol (outside the page's CSP, which would rightly refuse an injected script tag).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }>;
  return found
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }));
}

/** The page's width: more than the viewport means the page scrolls sideways. */
export const scrollWidth = async (page: Page): Promise<number> =>
  (await page.evaluate("document.documentElement.scrollWidth")) as number;

export const SCREENSHOTS = path.join(REPO, "test-results", "screenshots");
export const DOC_SCREENSHOTS = path.join(REPO, "docs", "screenshots");

/** A full-page screenshot into test-results/screenshots/ (gitignored), written on every run. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
  return file;
}

/**
 * With FLAKE_AUDIT_SCREENSHOTS=1 (`npm run screenshots`), the screenshots the run wrote are copied
 * to docs/screenshots/, the ones README shows; otherwise docs/ is left alone.
 */
export function publishScreenshots(names: readonly string[]): void {
  if (process.env["FLAKE_AUDIT_SCREENSHOTS"] !== "1") return;
  mkdirSync(DOC_SCREENSHOTS, { recursive: true });
  const written = new Set(readdirSync(SCREENSHOTS));
  for (const n of names)
    if (written.has(`${n}.png`))
      copyFileSync(path.join(SCREENSHOTS, `${n}.png`), path.join(DOC_SCREENSHOTS, `${n}.png`));
}
