import { describe, expect, it } from "vitest";
import type { DiffReport } from "../../src/domain/diff/report.js";
import type { InstallableImpact } from "../../src/domain/impact/model.js";
import { renderDiffHtml } from "../../src/render/diff/html.js";
import { COMMENT_LIMIT, renderDiffMarkdown } from "../../src/render/diff/markdown.js";
import { renderDiffText } from "../../src/render/diff/text.js";
import { gfmProblems } from "../support/gfm.js";

const HOSTILE = "<img src=x onerror=alert(1)> @octocat #1 [x](https://e.vil) `tick` | pipe \\| \u202e\u001b[31m";

const impact = (installable: string, n: { versions: number; rebuilt: number }, s = ""): InstallableImpact => ({
  installable,
  status: "compared",
  versionChanges: Array.from({ length: n.versions }, (_, i) => ({
    name: `pkg${i}${s}`,
    from: [`1.${i}${s}`],
    to: [`2.${i}`],
    direction: i % 7 === 0 ? "downgrade" : "upgrade",
    drvPath: `/nix/store/${"a".repeat(32)}-pkg${i}.drv`,
    source: { name: `pkg${i}.tar.gz`, url: `https://example.org/pkg${i}${s}.tar.gz`, hash: "sha256-AAAA" },
    patchesAdded: [`fix${s}.patch`],
    patchesRemoved: [],
  })),
  added: [{ name: `new${s}`, versions: ["1"] }],
  removed: [{ name: `gone${s}`, versions: [""] }],
  rebuilt: Array.from({ length: n.rebuilt }, (_, i) => ({
    name: `dep${i}${s}`,
    version: "1",
    drvPath: `/nix/store/${"b".repeat(32)}-dep${i}.drv`,
    reasons: [
      { kind: "inputs", changed: [{ name: `pkg0${s}`, from: "1.0", to: "2.0", what: "version" }], more: i % 2 === 0 },
    ],
  })),
  rebuildCount: n.rebuilt + n.versions,
  derivations: { old: 40_000, new: 40_000 },
  licences: [
    {
      name: `lib${s}`,
      version: "1",
      output: "out",
      path: "/nix/store/x",
      from: ["MIT"],
      to: [`Unfree${s}`],
      unfree: [`Unfree${s}`],
    },
  ],
});

const report = (installables: DiffReport["impact"]): DiffReport => ({
  schemaVersion: 1,
  tool: { name: "flake-audit", version: "0.0.0" },
  evaluatedAt: "2024-12-01T00:00:00.000Z",
  old: { source: "a", sha256: "0" },
  new: { source: "b", sha256: "1" },
  lockOnly: true,
  offline: false,
  changes: [],
  unchangedCount: 0,
  findings: [],
  ...(installables !== undefined ? { impact: installables } : {}),
  gaps: [],
});

describe("impact rendering", () => {
  const hostile = report({
    old: `main${HOSTILE}`,
    new: "HEAD",
    installables: [
      impact(`.#web${HOSTILE}`, { versions: 2, rebuilt: 2 }, HOSTILE),
      {
        installable: `.#broken${HOSTILE}`,
        status: "failed",
        side: "both",
        error: `error:\n# not a heading\n${HOSTILE}`,
      },
    ],
    licenceGap: { reason: "licence changes need nixpkgs meta of both sides", options: ["--meta-old", "--meta-new"] },
  });

  it("packages a meta file had no entry for are said not compared, in text, Markdown and HTML", () => {
    const r = report({
      old: "main",
      new: "HEAD",
      installables: [{ ...impact(".#web", { versions: 1, rebuilt: 0 }), licences: [], licencesNotCompared: 3 }],
    });
    const said = /the licences of 3 packages were not compared: a meta file has no entry for them at one side/;
    expect(renderDiffText(r, { color: false, width: 400 })).toMatch(said);
    expect(renderDiffMarkdown(r)).toMatch(said);
    const html = renderDiffHtml(r);
    expect(html).toMatch(said);
    expect(html).toContain("No licence changed among the packages compared.");
    expect(html).not.toContain("No licence changed.</p>");
  });

  it("a long error at the base does not hide the head's in Markdown: each side is cut on its own", () => {
    const r = report({
      old: "main",
      new: "HEAD",
      installables: [
        {
          installable: ".#web",
          status: "failed",
          side: "both",
          error: `base: ${"x".repeat(900)}\nhead: error: attribute 'web' missing`,
        },
      ],
    });
    const md = renderDiffMarkdown(r);
    expect(md).toContain("Could not evaluate at the base and head");
    expect(md).toContain("head: error: attribute 'web' missing");
    expect(md).not.toContain("x".repeat(501));
  });

  it("Markdown shows hostile names, versions, URLs and errors as text: no element, link, mention or broken table", () => {
    const md = renderDiffMarkdown(hostile);
    expect(gfmProblems(md)).toEqual([]);
  });

  it("text carries no escape sequence or bidi control from outside, each field on one line", () => {
    const text = renderDiffText(hostile, { color: false, width: 400 });
    expect(text.includes("\u001b") || text.includes("\u202e")).toBe(false);
    expect(text).not.toMatch(/^# not a heading/m);
  });

  it("a huge impact stays under GitHub's comment limit: headlines of every installable kept, a note of what was cut", () => {
    const md = renderDiffMarkdown(
      report({
        old: "main",
        new: "HEAD",
        installables: ["a", "b", "c"].map((x) => impact(`.#${x}`, { versions: 5_000, rebuilt: 40_000 })),
      }),
    );
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    for (const x of ["a", "b", "c"]) expect(md).toContain(`#### \`.#${x}\``);
    expect(md).toMatch(/\d+ more detail blocks? not shown: the comment would exceed GitHub's size limit/);
    expect(md).toContain("`flake-audit diff --format json` lists them all");
    expect(gfmProblems(md)).toEqual([]);
  });

  it("HTML shows hostile names, versions, URLs and errors as text; a javascript: source is no link", () => {
    const html = renderDiffHtml(hostile);
    const main = html.slice(html.indexOf("<main>"));
    expect(main).not.toMatch(/<img|<script|<style|href="javascript/i);
    expect(main).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(main).toContain("‹U+202E›");
    // nix's error keeps its lines; the licence gap names the options that would answer it.
    expect(main).toContain("error:<br># not a heading<br>");
    expect(main).toContain("<code>--meta-old</code> and <code>--meta-new</code>");
    const js = report({
      old: "a",
      new: "b",
      installables: [
        {
          ...impact(".#x", { versions: 1, rebuilt: 0 }),
          versionChanges: [
            {
              ...impact(".#x", { versions: 1, rebuilt: 0 }).versionChanges[0]!,
              source: { name: "s", url: "javascript:alert(1)" },
            },
          ],
        },
      ],
    });
    expect(renderDiffHtml(js)).toContain('<span class="url">javascript:alert(1)</span>');
  });

  it("HTML lists every package change of a huge impact (the JSON's counts), long lists folded", () => {
    const html = renderDiffHtml(
      report({ old: "main", new: "HEAD", installables: [impact(".#a", { versions: 3_000, rebuilt: 5_000 })] }),
    );
    expect(html.match(/<tr class="version-change">/g)?.length).toBe(3_000);
    expect(html.match(/<li class="pkg-rebuilt">/g)?.length).toBe(5_000);
    expect(html).toContain("<details><summary>Version changes (3000)</summary>");
  });
});
