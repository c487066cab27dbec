import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { TraceReport } from "../../src/domain/closure/trace-report.js";
import { TraceReportSchema } from "../../src/render/trace/report.schema.js";
import { renderJson } from "../../src/render/json.js";
const renderTraceJson = renderJson<TraceReport>(TraceReportSchema);
import { renderTraceMarkdown } from "../../src/render/trace/markdown.js";
import { renderTraceText } from "../../src/render/trace/text.js";
import { REPO } from "../support/paths.js";
import { traceScenarios } from "../support/trace-scenarios.js";

let scenarios: Array<[string, TraceReport]> = [];
beforeAll(async () => {
  scenarios = (await traceScenarios()).map(([name, r]) => [
    name,
    {
      ...r,
      ...(r.lockFile ? { lockFile: { ...r.lockFile, path: "flake.lock" } } : {}),
      ...(r.closureFile ? { closureFile: { ...r.closureFile, path: "closure.json" } } : {}),
    },
  ]);
});

const RENDERERS = [
  ["txt", renderTraceText],
  ["md", renderTraceMarkdown],
  ["json", renderTraceJson],
] as const;

describe("trace renderers (golden files)", () => {
  it("cover every scenario", () => expect(scenarios.length).toBe(8));
  for (const [ext, render] of RENDERERS) {
    it(`${ext}`, async () => {
      for (const [name, report] of scenarios) {
        const out = render(report);
        expect(render(report)).toBe(out);
        await expect(out).toMatchFileSnapshot(`../golden/trace/${name}.${ext}`);
      }
    });
  }
});

describe("trace verdicts", () => {
  const get = (name: string): TraceReport => scenarios.find(([n]) => n === name)![1];
  it("a source path names its input", () => {
    expect(get("source-of-input").inputs.map((i) => i.input)).toEqual(["data"]);
    expect(get("source-of-input").chain.at(-1)).toBe(get("source-of-input").path);
  });
  it("a build output lists what its build read, nearest first", () => {
    const r = get("output-with-derivations");
    expect(r.attribution).toBe("build");
    expect(r.sources.map((s) => `${s.via}:${s.depth}:${s.inputs.map((i) => i.input).join()}`)).toEqual([
      "derivation:0:p",
      "derivation:1:libA",
      "derivation:2:data",
    ]);
    // The top-level answer names them too, nearest first, not only under sources[].
    expect(r.inputs.map((i) => i.input)).toEqual(["p", "libA", "data"]);
  });
  it("without derivations, run-time references still attribute", () => {
    const r = get("output-references-only");
    expect(r.path.endsWith("-app-2.1")).toBe(true);
    expect(r.sources.map((s) => `${s.via}:${s.depth}:${s.inputs[0]?.input}`)).toEqual(["references:2:data"]);
    expect(r.inputs.map((i) => i.input)).toEqual(["data"]);
  });
  it("says 'cannot tell' without the data to decide, naming the options that would, never 'not from any'", () => {
    for (const name of ["undecided-lock-only", "not-in-closure", "output-references-only"]) {
      const r = get(name);
      const gap = r.gaps.find((g) => g.options !== undefined);
      expect(gap?.options, name).toEqual(["--closure-of", "--closure", "--derivations"]);
      expect(renderTraceText(r), name).not.toContain("not from any locked input");
      expect(renderTraceMarkdown(r), name).not.toContain("not from any locked input");
    }
    expect(get("undecided-lock-only").attribution).toBe("unknown");
    expect(get("not-in-closure").attribution).toBe("unknown");
    // Run-time references attribute it; the gap says the sources its build read may add more.
    expect(get("output-references-only").attribution).toBe("build");
    expect(renderTraceText(get("undecided-lock-only"))).toContain("cannot tell whether it comes from a locked input");
  });
  it("says 'not from any locked input', decided by its derivation, with the nearest attributed ancestor", () => {
    const r = get("not-from-any-input");
    expect(r.attribution).toBe("none");
    expect(r.gaps).toEqual([]);
    expect(r.chain.map((p) => p.slice(44))).toEqual(["system-1.0", "libfoo-2.3", "zlib-1.3.1"]);
    expect(r.nearestAttributed?.path.endsWith("system-1.0")).toBe(true);
  });
  it("hostile strings reach neither the terminal nor Markdown alive", () => {
    const r = get("hostile-strings");
    expect(renderTraceText(r)).not.toContain("\u001b");
    const md = renderTraceMarkdown(r);
    const outsideCode = md.replace(/(`+)[^`]*?(?:`(?!\1)[^`]*?)*\1/g, "");
    expect(outsideCode).not.toMatch(/<img|@admin|\]\(http/);
    for (const row of md.split("\n").filter((l) => l.startsWith("| `"))) expect(row.split(/(?<!\\)\|/).length).toBe(8);
  });
});

describe("trace JSON", () => {
  it("matches the committed schema, and the schema is current", async () => {
    const schema = JSON.parse(readFileSync(path.join(REPO, "schemas", "trace.v1.schema.json"), "utf8")) as object;
    const validate = new Ajv2020.default({ strict: false }).compile(schema);
    for (const [name, report] of scenarios) {
      const json = JSON.parse(renderTraceJson(report)) as unknown;
      expect(validate(json), name).toBe(true);
      expect(TraceReportSchema.parse(json)).toEqual(json);
    }
  });
});
