import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO } from "./support/paths.js";

const SRC = path.join(REPO, "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const rel = (p: string): string => path.relative(SRC, p).split(path.sep).join("/");
const layerOf = (p: string): string => (rel(p).includes("/") ? rel(p).split("/")[0]! : rel(p));

/** Which layers each layer may import (architecture.md §3). */
const ALLOWED: Record<string, readonly string[]> = {
  domain: ["domain"],
  ingest: ["ingest", "domain"],
  app: ["app", "ingest", "domain"],
  adapters: ["adapters", "app", "ingest", "domain"],
  render: ["render", "domain"],
  cli: ["cli", "app", "adapters", "render", "ingest", "domain"],
  "main.ts": ["cli"],
  "action.ts": ["cli"],
  "index.ts": ["cli", "app", "ingest", "domain", "render"],
  "schemas.ts": ["ingest", "render"],
};

/** Where each third-party library may be imported. */
const LIBRARY_SITES: Array<[RegExp, (file: string) => boolean]> = [
  [/^yargs/, (f) => f.startsWith("cli/")],
  [/^fastest-levenshtein$/, (f) => f.startsWith("cli/")],
  [
    /^zod/,
    (f) =>
      f.startsWith("ingest/") ||
      /^(adapters|render)\/.*\.schema\.ts$/.test(f) ||
      f === "render/json-schemas.ts" ||
      f === "render/json.ts",
  ],
  // RequestError is octokit's error type: the classifier tells failures apart by it.
  [/^@octokit\/request-error$/, (f) => f === "adapters/github/classify.ts"],
  [/^octokit|^@octokit\//, (f) => f === "adapters/github/client.ts"],
  [/^jsonc-parser$/, (f) => f === "ingest/json-locate.ts"],
  [/^@cyclonedx\//, (f) => f.startsWith("render/sbom/")],
  [/^packageurl-js/, (f) => f === "render/sbom/purl.ts"],
  [/^semver/, (f) => f === "domain/diff/version-move.ts"],
  [/^yaml$/, (f) => f === "ingest/structured-document.ts"],
  [/^sarif$/, (f) => f === "render/check/sarif.ts"], // types only (@types/sarif)
  [/^string-width$/, (f) => f === "render/wrap.ts"],
  // RFC 8785 canonical JSON: what a JSF signature signs (sign and verify share the one function).
  [/^canonicalize$/, (f) => f === "adapters/jsf/canonical.ts"],
  [/^elkjs\//, (f) => f === "render/graph/layout.ts"], // graph layout: async, awaited before the pure SVG renderer
  // The SPDX licence texts licence files are identified by: data, loaded in one ingest file.
  [/^spdx-license-list/, (f) => f === "ingest/licence/spdx-texts.ts"],
  [/^node:/, (f) => f.startsWith("adapters/") || f.startsWith("cli/") || f === "main.ts"],
];

const sources = files(SRC).map((p) => ({ path: p, file: rel(p), text: readFileSync(p, "utf8") }));

/** Each source's imports of other sources (type-only and dynamic ones included), by `rel` name. */
const importGraph = new Map(
  sources.map((s) => [
    s.file,
    ts
      .preProcessFile(s.text, true, true)
      .importedFiles.map((i) => i.fileName)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => rel(path.resolve(path.dirname(s.path), spec)).replace(/\.js$/, ".ts")),
  ]),
);

/**
 * Import cycles: the strongly connected components of more than one file (Tarjan's algorithm), and
 * files that import themselves. Each is listed as its files in the order the search met them.
 */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue; // package.json, read for the version
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
      onStack.delete(w);
      component.unshift(w);
    }
    if (component.length > 1 || graph.get(v)?.includes(v) === true) cycles.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe("architecture", () => {
  it.each(sources.map((s) => [s.file, s] as const))("%s imports only what its layer may", (_f, s) => {
    const imports = ts.preProcessFile(s.text, true, true).importedFiles.map((i) => i.fileName);
    for (const spec of imports) {
      if (spec.startsWith(".")) {
        const target = path.resolve(path.dirname(s.path), spec);
        if (target === path.join(REPO, "package.json") && s.file.startsWith("cli/")) continue; // the tool's own version
        expect(ALLOWED[layerOf(s.path)], `${s.file} → ${rel(target)}`).toContain(layerOf(target));
      } else {
        const rule = LIBRARY_SITES.find(([re]) => re.test(spec));
        expect(rule, `${s.file} imports ${spec}, which has no import site listed`).toBeDefined();
        expect(rule![1](s.file), `${s.file} may not import ${spec}`).toBe(true);
      }
    }
  });

  it.each(sources.filter((s) => /^(domain|render)\//.test(s.file)).map((s) => [s.file, s] as const))(
    "%s is pure (no process, clock or randomness)",
    (_f, s) => {
      const code = s.text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
      expect(code).not.toMatch(/\bprocess\./);
      expect(code).not.toMatch(/Date\.now\(\)|new Date\(\)|Math\.random/);
    },
  );

  it("has no import cycles (a type a helper needs from its parent lives in a file of its own)", () => {
    expect(importCycles(importGraph)).toEqual([]);
  });

  it.each(sources.map((s) => [s.file, s] as const))("%s: every test file its comments name exists", (_f, s) => {
    for (const [ref] of s.text.matchAll(/\btest\/[\w./-]*\w/g))
      expect(existsSync(path.join(REPO, ref)), `${s.file} names ${ref}`).toBe(true);
  });

  it("finds the import cycles it is meant to", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts", "d.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["d.ts"]],
      ["e.ts", ["a.ts"]],
    ]);
    expect(importCycles(graph)).toEqual([["d.ts"], ["a.ts", "b.ts", "c.ts"]]);
  });

  it.each(sources.map((s) => [s.file, s] as const))(
    "%s: no any, at most 250 lines, no mutable top-level state",
    (_f, s) => {
      expect(s.text).not.toMatch(/:\s*any\b|as any\b|<any>/);
      expect(s.text.split("\n").length).toBeLessThanOrEqual(250);
      expect(s.text).not.toMatch(/^(export )?(let|var) /m);
    },
  );
});
