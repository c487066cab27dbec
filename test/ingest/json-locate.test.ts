import { describe, expect, it } from "vitest";
import { parseDerivations } from "../../src/ingest/closure/derivation.js";
import { parsePathInfo } from "../../src/ingest/closure/path-info.js";
import { findPointer, findSyntaxError, positionAt } from "../../src/ingest/json-locate.js";
import { nodeOffsets } from "../../src/ingest/json-members.js";
import { runCli } from "../support/cli.js";

const where = (text: string) => {
  const e = findSyntaxError(text);
  return e === undefined ? undefined : { ...positionAt(text, e.offset), message: e.message };
};

describe("json-locate (jsonc-parser, strict JSON)", () => {
  it("says where and why text is not JSON", () => {
    expect(where('{\n  "nodes": {,\n}')).toEqual({
      line: 2,
      column: 13,
      message: `unexpected ",\\n}", expected a quoted key`,
    });
    expect(where('{"a": "b')).toMatchObject({ line: 1, column: 7, message: "unterminated string" });
    expect(where('{"a": 1}\nx')).toMatchObject({
      line: 2,
      column: 1,
      message: 'unexpected "x" after the end of the JSON value',
    });
    expect(where("[1 2]")).toMatchObject({ message: `unexpected "2]", expected ',' or ']'` });
    expect(where('{"a" 1}')).toMatchObject({ message: `unexpected "1}", expected ':'` });
    expect(where('{"a": 1}')).toBeUndefined();
  });

  it("rejects what jsonc-parser would otherwise accept: comments and trailing commas", () => {
    expect(where('{"a": 1 // note\n}')?.message).toMatch(/comments are not allowed/);
    expect(where('{"a": 1, }')?.message).toBe(`unexpected "}", expected a quoted key`);
    expect(where("[1, 2, ]")?.message).toBe(`unexpected "]", expected a JSON value`);
  });

  it("finds a pointer's value, or its nearest existing ancestor", () => {
    const text = '{"nodes": {"a/b": {"x": [10, 20]}, "c~d": 1}}';
    expect(findPointer(text, "/nodes/a~1b/x/1")).toBe(text.indexOf("20"));
    expect(findPointer(text, "/nodes/c~0d")).toBe(text.indexOf("1}}"));
    expect(findPointer(text, "/nodes/a~1b/missing")).toBe(text.indexOf('{"x"'));
  });

  it("finds where each lock node starts", () => {
    const text = '{"nodes": {"a": {"inputs": {"x": "b"}}, "b": {}}, "root": "a"}';
    expect([...nodeOffsets(text)]).toEqual([
      ["a", text.indexOf('"a"')],
      ["b", text.indexOf('"b":')],
    ]);
  });
});

describe("JSON nested 5,000+ deep (Trust)", () => {
  const deepArray = `${"[".repeat(6000)}${"]".repeat(6000)}`;
  const deepObject = `{"/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-x": ${'{"a":'.repeat(6000)}1${"}".repeat(6000)}}`;

  it("path-info and derivation files: an input error with a position, in linear time", () => {
    for (const text of [deepArray, deepObject]) {
      for (const r of [parsePathInfo(text, "p.json"), parseDerivations(text, "d.json")]) {
        expect(r.ok).toBe(false);
        expect(!r.ok && r.error[0]?.message).toMatch(/nests deeper than 512 arrays and objects/);
        expect(!r.ok && r.error[0]?.position?.line).toBe(1);
      }
    }
    const huge = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    const started = Date.now();
    expect(parsePathInfo(huge, "p.json").ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("sbom --closure with a deeply nested file exits 3, not 70", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const file = `${mkdtempSync(`${tmpdir()}/fa-deep-`)}/closure.json`;
    writeFileSync(file, deepArray);
    const r = await runCli(["sbom", "--closure", file, "--reproducible"]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain("closure.json:1:513");
  });
});
