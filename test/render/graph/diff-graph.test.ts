import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiffChange, DiffReport } from "../../../src/domain/diff/report.js";
import { renderDiffMarkdown } from "../../../src/render/diff/markdown.js";
import { changedGraph, MAX_CHANGED_GRAPH_NODES } from "../../../src/render/diff/markdown-graph.js";
import { hostileDiff } from "../../support/hostile-reports.js";
import { hasChromium, mermaidParser, reportChromiumSkip, type MermaidParser } from "../../support/mermaid-browser.js";

const change = (input: string, extra: Partial<DiffChange> = {}): DiffChange => ({
  input,
  kind: "updated",
  kinds: ["updated"],
  ...extra,
});
const report = (changes: DiffChange[]): DiffReport => ({ ...hostileDiff("x"), changes, findings: [], gaps: [] });

/** The Mermaid text of a comment's graph block, or undefined without one. */
const block = (md: string): string | undefined => /```mermaid\n([\s\S]*?)```/.exec(md)?.[1];

describe("the PR comment's graph of the changed inputs", () => {
  it("draws each changed input, its ancestors up to the root, and a dotted arrow to what it now follows", () => {
    const md = changedGraph(
      report([
        change("home-manager/nixpkgs", {
          kind: "follows-changed",
          kinds: ["follows-changed"],
          new: { type: "github", url: "", attrs: {}, flake: true, follows: "nixpkgs" },
        }),
        change("nixpkgs"),
      ]),
    ).join("\n");
    expect(block(md)).toBe(
      [
        "flowchart LR",
        '  n0("#40;root#41;")',
        '  n1("home-manager")',
        '  n2["nixpkgs<br/>updated"]',
        '  n3["nixpkgs<br/>follows changed"]',
        "  n0 --> n1",
        "  n0 --> n2",
        "  n1 --> n3",
        "  n3 -.-> n2",
        "",
      ].join("\n"),
    );
  });

  it("says nothing for one root input (the table says it all)", () => {
    expect(changedGraph(report([change("nixpkgs")]))).toEqual([]);
  });

  it(`is left out with a note over ${MAX_CHANGED_GRAPH_NODES} nodes`, () => {
    const many = Array.from({ length: MAX_CHANGED_GRAPH_NODES }, (_, i) => change(`input${i}`));
    const md = renderDiffMarkdown(report(many));
    expect(block(md)).toBeUndefined();
    expect(md).toContain(`it would have ${MAX_CHANGED_GRAPH_NODES + 1} nodes`);
    expect(block(renderDiffMarkdown(report(many.slice(1))))).toBeDefined();
  });
});

describe("the graph parses with mermaid (in chromium), whatever the input names", () => {
  let parser: MermaidParser | undefined;
  beforeAll(async () => {
    reportChromiumSkip("diff graph Mermaid parse");
    if (hasChromium) parser = await mermaidParser();
  }, 120_000);
  afterAll(async () => parser?.close());
  const HOSTILE = [
    'x"];\ny --> z',
    "a-->b|c#d[e]{f}",
    "<script>alert(1)</script>",
    "```\n</pre>",
    "%%{init: {'securityLevel':'loose'}}%%",
    "end",
    "a\u202eb",
  ];
  it.each(HOSTILE)(
    "%j",
    async (h) => {
      const text = block(renderDiffMarkdown(hostileDiff(h)));
      expect(text).toBeDefined();
      if (parser === undefined || text === undefined) return;
      expect(await parser.parse(text)).toBe("");
      const svg = await parser.render(text);
      expect(svg).not.toMatch(/<script|<img/);
    },
    60_000,
  );
});
