import { readFileSync } from "node:fs";
import path from "node:path";
import { Graphviz } from "@hpcc-js/wasm-graphviz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InputGraph } from "../../../src/domain/graph/model.js";
import { renderInputGraphDot } from "../../../src/render/graph/dot.js";
import { layoutInputGraph } from "../../../src/render/graph/layout.js";
import { renderInputGraphMermaid } from "../../../src/render/graph/mermaid.js";
import { renderInputGraphSvg } from "../../../src/render/graph/svg.js";
import { graphOf, hostileLock, syntheticLock } from "../../support/graph-locks.js";
import { hasChromium, mermaidParser, reportChromiumSkip, type MermaidParser } from "../../support/mermaid-browser.js";
import { CORPUS, hasCorpus } from "../../support/paths.js";
import { hasXmllint, reportXmllintSkip, xmllintErrors } from "../../support/xmllint.js";

const CORPUS_LOCK = "Mic92__dotfiles__0973786f8bdf.flake.lock";
const svgOf = async (g: InputGraph): Promise<string> => renderInputGraphSvg(await layoutInputGraph(g));

const synthetic = graphOf(syntheticLock());
const hostile = graphOf(hostileLock(), { kind: "all" }, 'evil"];<x>.lock');
const corpus = hasCorpus
  ? graphOf(readFileSync(path.join(CORPUS, "locks", CORPUS_LOCK), "utf8"), { kind: "auto" }, CORPUS_LOCK)
  : undefined;
if (!hasCorpus) console.warn(`SKIPPED: graph goldens of ${CORPUS_LOCK} need the corpus at ${CORPUS}`);

/** Every text of the lock that must show as text: hostile names, whole or as their first part. */
const HOSTILE_TEXTS = ["<script>alert(1)</script>", "a-->b|c#d[e]{f}", 'x"];', 'o"wn<er>/re`po`-->'];

describe("graph renderers (golden files)", () => {
  const cases: Array<[string, InputGraph | undefined]> = [
    ["synthetic", synthetic],
    ["hostile", hostile],
    ["corpus", corpus],
  ];
  it.each(cases)("%s: dot, mermaid and svg", async (name, g) => {
    if (g === undefined) return;
    await expect(renderInputGraphDot(g)).toMatchFileSnapshot(`../../golden/graph/${name}.dot`);
    await expect(renderInputGraphMermaid(g)).toMatchFileSnapshot(`../../golden/graph/${name}.mmd`);
    await expect(await svgOf(g)).toMatchFileSnapshot(`../../golden/graph/${name}.svg`);
  });

  it("lays out the same bytes every time", async () => {
    expect(await svgOf(synthetic)).toBe(await svgOf(graphOf(syntheticLock())));
  });
});

describe("DOT parses with Graphviz (WebAssembly) and shows hostile text as text", () => {
  let gv: Graphviz;
  beforeAll(async () => {
    gv = await Graphviz.load();
  });
  it.each([
    ["synthetic", synthetic],
    ["hostile", hostile],
  ] as const)("%s", (_n, g) => {
    const svg = gv.dot(renderInputGraphDot(g));
    // One drawn node per graph node and one edge per graph edge: nothing was injected.
    expect(svg.match(/<g id="node\d+" class="node">/g)).toHaveLength(g.nodes.length);
    expect(svg.match(/<g id="edge\d+" class="edge">/g)).toHaveLength(g.edges.length);
    expect(svg).not.toMatch(/<script|<img/);
  });
  it("shows hostile text as written (entities are text too)", () => {
    const svg = gv.dot(renderInputGraphDot(hostile));
    expect(svg).toContain(">&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;");
    expect(svg).toContain(">x&quot;]; y &#45;&gt; z [label=&quot;pwn<");
  });
  it("follows edges are dashed, duplicates double-bordered, unlocked thick", () => {
    const dot = renderInputGraphDot(synthetic);
    expect(dot).toMatch(/n\d+ -> n\d+ \[style=dashed\];/);
    expect(dot).toMatch(/label="nixpkgs\\ngithub:NixOS\/nixpkgs @ 0000000\\n\[duplicate, shared\]".*peripheries=2/);
    expect(dot).toMatch(/label="mutable\\n.*\[unlocked\]".*penwidth=3/);
    expect(dot).toMatch(/\[stale 400 d\]/);
  });
  it("hostile names are whole DOT strings", () => {
    const dot = renderInputGraphDot(hostile);
    expect(dot).toContain('label="x\\"]; y -> z [label=\\"pwn');
    expect(dot).toContain("\\\\N\\\\l");
  });
});

describe("SVG is well-formed, static and escaped", () => {
  beforeAll(() => reportXmllintSkip("graph SVG"));
  it.each([
    ["synthetic", synthetic],
    ["hostile", hostile],
  ] as const)("%s", async (_n, g) => {
    const svg = await svgOf(g);
    if (hasXmllint) expect(xmllintErrors(svg)).toBe("");
    // Markup, not text: an element or an attribute (text can say `onerror=`, escaped and inert).
    expect(svg).not.toMatch(/<script|<img|<style|<foreignObject|\shref=|url\(|\son\w+\s*=\s*"/i);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" role="img" aria-label="/);
    expect(svg).toContain("<title>");
  });
  it("shows hostile text as escaped text and forbidden characters visibly", async () => {
    const svg = await svgOf(hostile);
    // The control character is removed, as every renderer removes controls; U+FFFF (XML forbids it) shows.
    expect(svg).toContain("&#60;script&#62;alert(1)&#60;/script&#62;&#38;amp;‹U+FFFF›</text>");
    expect(svg).toContain("bidi‹U+202E›evil");
    expect(svg).not.toContain("\u202e");
  });
  it("draws follows dashed and marks by shape", async () => {
    const svg = await svgOf(synthetic);
    expect(svg).toMatch(
      /<title>home-manager → nixpkgs \(follows\)<\/title><path d="[^"]+" fill="none" stroke-dasharray="6 4"\/>/,
    );
    expect(svg).toContain('stroke-width="3"'); // unlocked
    expect(svg).toContain("[stale 400 d]");
  });
});

describe("Mermaid parses with mermaid (in chromium) and shows hostile text as text", () => {
  let parser: MermaidParser | undefined;
  beforeAll(async () => {
    reportChromiumSkip("graph Mermaid parse");
    if (hasChromium) parser = await mermaidParser();
  }, 120_000);
  afterAll(async () => parser?.close());
  it.each([
    ["synthetic", synthetic],
    ["hostile", hostile],
    ["corpus", corpus],
  ] as const)(
    "%s parses",
    async (_n, g) => {
      if (parser === undefined || g === undefined) return;
      expect(await parser.parse(renderInputGraphMermaid(g))).toBe("");
    },
    60_000,
  );
  it("catches what it is meant to (a broken label does not parse)", async () => {
    if (parser === undefined) return;
    expect(await parser.parse('flowchart LR\n  n0["a"]"] --> n1')).not.toBe("");
  });
  it("draws hostile labels as text", async () => {
    if (parser === undefined) return;
    const svg = await parser.render(renderInputGraphMermaid(hostile));
    for (const t of HOSTILE_TEXTS.slice(0, 2))
      expect(svg).toContain(t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    expect(svg).not.toMatch(/<script|<img/);
  }, 60_000);
});
