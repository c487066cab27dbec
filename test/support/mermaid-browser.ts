import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser } from "playwright-core";

/**
 * Mermaid's own parser, run where it can run: mermaid needs a DOM (DOMPurify), so it is loaded into
 * Debian's chromium (driven by playwright-core, no browser download) and `mermaid.parse` is called
 * there. No network: the page is about:blank and the script is read from node_modules.
 */
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

/** Under FLAKE_AUDIT_REQUIRE_NIX=1 (CI) a missing chromium is a failure, not a skip. */
export function reportChromiumSkip(suite: string): void {
  if (hasChromium) return;
  if (process.env["FLAKE_AUDIT_REQUIRE_NIX"] === "1")
    throw new Error(`${suite}: chromium is required (FLAKE_AUDIT_REQUIRE_NIX=1) but ${CHROMIUM} is missing`);
  console.warn(`SKIPPED: ${suite} needs Debian's chromium at ${CHROMIUM}; it is not installed`);
}

const MERMAID_JS = createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");

export interface MermaidParser {
  /** "" when mermaid parses the text, else its error message. */
  parse(text: string): Promise<string>;
  /** The SVG mermaid draws for the text (to look at what the labels became). */
  render(text: string): Promise<string>;
  close(): Promise<void>;
}

export async function mermaidParser(): Promise<MermaidParser> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  const page = await browser.newPage();
  await page.route("**/*", (route) => route.abort());
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ path: MERMAID_JS });
  await page.evaluate(() => {
    const m = Reflect.get(globalThis, "mermaid") as { initialize(o: object): void };
    m.initialize({ startOnLoad: false, securityLevel: "strict", maxEdges: 5000, maxTextSize: 1_000_000 });
  });
  return {
    parse: (text) =>
      page.evaluate(async (t) => {
        const m = Reflect.get(globalThis, "mermaid") as { parse(t: string): Promise<unknown> };
        try {
          await m.parse(t);
          return "";
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
      }, text),
    render: (text) =>
      page.evaluate(async (t) => {
        const m = Reflect.get(globalThis, "mermaid") as { render(id: string, t: string): Promise<{ svg: string }> };
        return (await m.render("graph", t)).svg;
      }, text),
    close: () => browser.close(),
  };
}
