import { readdirSync, readFileSync, statSync } from "node:fs";
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
  [/^yaml$/, (f) => f === "ingest/policy/policy.ts" || f === "ingest/fleet/structured-text.ts"],
  [/^sarif$/, (f) => f === "render/check/sarif.ts"], // types only (@types/sarif)
  [/^node:/, (f) => f.startsWith("adapters/") || f.startsWith("cli/") || f === "main.ts"],
];

const sources = files(SRC).map((p) => ({ path: p, file: rel(p), text: readFileSync(p, "utf8") }));

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

  it.each(sources.map((s) => [s.file, s] as const))(
    "%s: no any, at most 250 lines, no mutable top-level state",
    (_f, s) => {
      expect(s.text).not.toMatch(/:\s*any\b|as any\b|<any>/);
      expect(s.text.split("\n").length).toBeLessThanOrEqual(250);
      expect(s.text).not.toMatch(/^(export )?(let|var) /m);
    },
  );
});
