import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { code, h, link, safeHref } from "../../src/render/html/escape.js";
import { renderPage } from "../../src/render/html/page.js";
import { STYLE } from "../../src/render/html/style.js";
import {
  checkCase,
  diffCase,
  diffImpactCase,
  fleetCase,
  graphCase,
  sbomCase,
  traceCases,
} from "../support/html-reports.js";

const TOOL = { name: "flake-audit", version: "0.0.0" };

describe("HTML escaping", () => {
  it("text and attributes: the five characters as entities, controls gone, hidden characters shown", () => {
    expect(h(`<script>alert("x")</script> & 'y'`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
    );
    expect(h("a\u202eb\u0007c\nd")).toBe("a‹U+202E›bc d");
    expect(code('"><img src=x onerror=alert(1)>')).toBe("<code>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</code>");
  });

  it("links: only absolute https and http, in the URL parser's serialisation", () => {
    expect(safeHref('https://example.org/a b"<>')).toBe("https://example.org/a%20b%22%3C%3E");
    expect(safeHref("HTTP://Example.org")).toBe("http://example.org/");
    for (const bad of [
      "javascript:alert(1)",
      " javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "//evil.example/",
      "/relative",
      "https://user:pw@example.org/",
      "git+https://example.org/x.git",
      "https://",
    ])
      expect(safeHref(bad), bad).toBeUndefined();
  });

  it("a link that may not be one is shown as text", () => {
    expect(link("javascript:alert(1)")).toBe('<span class="url">javascript:alert(1)</span>');
    expect(link("https://e.org/?a=1&b=2", "x")).toBe(
      '<a href="https://e.org/?a=1&amp;b=2" rel="noopener noreferrer nofollow">x</a>',
    );
  });
});

describe("the page", () => {
  const page = renderPage({ title: "<t>", body: "<p>b</p>", tool: TOOL, at: "2026-01-01" });
  it("allows exactly its own style by hash, nothing else, and loads nothing", () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? "";
    const hash = createHash("sha256").update(style, "utf8").digest("base64");
    expect(page).toContain(
      `content="default-src &#39;none&#39;; style-src &#39;sha256-${hash}&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;"`,
    );
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|style="/i);
    expect(page).toContain("<title>&lt;t&gt;</title>");
  });
  it("has light and dark colours and print styles", () => {
    expect(page).toContain("@media (prefers-color-scheme:dark)");
    expect(page).toContain("@media print");
  });
});

describe("HTML reports (golden files, same bytes every run)", () => {
  it.each([
    ["check", checkCase, "check/scenario.html"],
    ["diff", diffCase, "diff/lock-only.html"],
    ["diff with installables", diffImpactCase, "diff/impact.html"],
    ["fleet", fleetCase, "fleet/reports.html"],
    ["sbom summary", sbomCase, "sbom/summary.html"],
    ["graph", graphCase, "graph/scenario.html"],
  ] as const)("%s", async (_name, load, golden) => {
    const [a, b] = [await load(), await load()];
    expect(a.html).toBe(b.html);
    await expect(a.html).toMatchFileSnapshot(`../golden/${golden}`);
  });
  it("trace, every scenario", async () => {
    for (const c of await traceCases())
      await expect(c.html).toMatchFileSnapshot(`../golden/trace/${c.name.slice("trace-".length)}.html`);
  });
});

describe("the graph on a page", () => {
  it("graph --format html carries the same SVG as --format svg, and the SBOM summary draws it too", async () => {
    const g = await graphCase();
    expect(g.html).toContain(g.json.trimEnd());
    const s = await sbomCase();
    expect(s.html).toContain('<section id="graph"');
    expect(s.html).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img"/);
  });
});

describe("ages in the SBOM summary", () => {
  it("an input locked one day before the report is '1 day' old, not '1 days'", async () => {
    // sbomCase's SOURCE_DATE_EPOCH is 1764547200; this input was locked a day (and an hour) before.
    const lock = {
      nodes: {
        root: { inputs: { lib: "lib" } },
        lib: {
          locked: {
            type: "github",
            owner: "o",
            repo: "lib",
            rev: "0123456789abcdef0123456789abcdef01234567",
            narHash: "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            lastModified: 1764547200 - 90_000,
          },
          original: { type: "github", owner: "o", repo: "lib" },
        },
      },
      root: "root",
      version: 7,
    };
    const { html } = await sbomCase(JSON.stringify(lock));
    expect(html).toMatch(/>1 day</);
    expect(html).not.toContain("1 days");
  });
});

describe("check HTML over many findings", () => {
  it("lists 500 findings of a rule and counts the rest, so a huge report stays readable", async () => {
    const { renderCheckHtml } = await import("../../src/render/check/html.js");
    const { hostileCheck } = await import("../support/hostile-reports.js");
    const base = hostileCheck("x");
    const one = base.findings.find((f) => f.rule === "source-changed") ?? base.findings[0]!;
    const findings = Array.from({ length: 620 }, (_, i) => ({ ...one, input: `in${i}`, via: `in${i}` }));
    const html = renderCheckHtml({ ...base, findings, suppressed: [] });
    expect(html.match(/<li data-finding>/g)?.length).toBe(500);
    expect(html).toContain('<li data-more="120">… and 120 more findings of this rule');
    expect(html).toContain('<li data-count="findings"><b>620</b>');
  });
});

describe("long tables", () => {
  it("up to CHUNK_ROWS rows: one table; more: tables of CHUNK_ROWS rows in .chunk blocks, every row kept", async () => {
    const { CHUNK_ROWS, table } = await import("../../src/render/html/parts.js");
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [h(`r${i}`), "x"]);
    const small = table("T", ["a", "b"], rows(CHUNK_ROWS), { rowClass: "r" });
    expect(small).not.toContain("chunk");
    expect(small.match(/<tr class="r">/g)?.length).toBe(CHUNK_ROWS);
    const n = 2 * CHUNK_ROWS + 7;
    const big = table("T", ["a", "b"], rows(n), { rowClass: "r", wide: [0] });
    expect(big.match(/<div class="chunk"><table class="chunked">/g)?.length).toBe(3);
    expect(big.match(/<tr class="r">/g)?.length).toBe(n);
    expect(big.match(/<thead>/g)?.length).toBe(3);
    expect(big).toContain('<th scope="col" class="wide">a</th>');
    expect(big).toContain(`T, rows ${2 * CHUNK_ROWS + 1}–${n} of ${n}`);
    // Rows stay in order across the chunks.
    expect(big.indexOf(">r199<")).toBeLessThan(big.indexOf(">r200<"));
  });

  it("the style lays out a chunk only near the screen, at fixed column widths, and prints every chunk", () => {
    expect(STYLE).toContain(".chunk{content-visibility:auto;");
    expect(STYLE).toContain("table.chunked{table-layout:fixed;");
    expect(/@media print\{.*\.chunk\{content-visibility:visible\}/.test(STYLE)).toBe(true);
  });
});

describe("a fleet of hundreds of hosts", () => {
  it("cards are marked for lazy layout and timelines chunked, every host kept; a small fleet is unchanged", async () => {
    const { CHUNK_ROWS } = await import("../../src/render/html/parts.js");
    const { renderFleetHtml } = await import("../../src/render/fleet/html.js");
    const { hostileFleet } = await import("../support/hostile-reports.js");
    const base = hostileFleet("x");
    const fleet = (n: number) =>
      renderFleetHtml({ ...base, hosts: Array.from({ length: n }, (_, i) => ({ ...base.hosts[0]!, name: `h${i}` })) });
    const n = CHUNK_ROWS * 2 + 1;
    const big = fleet(n);
    expect(big).toContain('<ul class="hosts many">');
    expect(big.match(/<li class="host /g)?.length).toBe(n);
    expect(big.match(/<ol class="timeline">/g)?.length).toBe(n);
    expect(big.match(/<div class="chunk">/g)?.length).toBe(3);
    const small = fleet(CHUNK_ROWS);
    expect(small).toContain('<ul class="hosts">');
    expect(small).not.toContain('class="chunk"');
  });
});

describe("an input reached through many paths", () => {
  it("shows four other paths and folds the rest, every path kept", async () => {
    const { inputsTable } = await import("../../src/render/check/html-inputs.js");
    const { hostileCheck } = await import("../support/hostile-reports.js");
    type Inputs = Parameters<typeof inputsTable>[1];
    const others = Array.from({ length: 10 }, (_, i) => `a${i}/nixpkgs`);
    const input = {
      input: "nixpkgs",
      inputPaths: ["nixpkgs", ...others],
      url: "https://example.org/n",
      pinning: "content",
    };
    const html = inputsTable({ ...hostileCheck("x"), findings: [] }, [input] as unknown as Inputs);
    for (const p of others) expect(html).toContain(`<code>${p}</code>`);
    expect(html).toContain("<details><summary>and 6 more input paths</summary>");
    expect(html.indexOf("<code>a3/nixpkgs</code>")).toBeLessThan(html.indexOf("<details>"));
    expect(html.indexOf("<code>a4/nixpkgs</code>")).toBeGreaterThan(html.indexOf("<details>"));
  });
});
