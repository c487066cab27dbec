import fc from "fast-check";
import { visit } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import { nodeOffsets } from "../../src/ingest/json-members.js";

/** What nodeOffsets answered with jsonc-parser's visitor before: the reference it must equal. */
function byVisitor(text: string): Map<string, number> {
  const out = new Map<string, number>();
  visit(text, {
    onObjectProperty: (key, offset, _l, _sl, _sc, path) => {
      const p = path();
      if (p.length === 1 && p[0] === "nodes") out.set(key, offset);
    },
  });
  return out;
}

// Keys and strings with quotes, backslashes, escapes and braces, which a scan must not mistake for structure.
const key = fc.oneof(fc.string(), fc.constantFrom("nodes", 'a"b', "c\\", "{", "}:", "\\u0041", "root"));
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.integer(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(key, tie("v"), { maxKeys: 4 }),
  ),
})).v;

describe("nodeOffsets: the members of /nodes, by one linear scan", () => {
  it("equals jsonc-parser's visitor on any JSON, pretty or compact", () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 4 }), value, fc.boolean(), (root, nodes, pretty) => {
        const text = JSON.stringify({ ...root, nodes }, null, pretty ? 2 : undefined);
        expect(nodeOffsets(text)).toEqual(byVisitor(text));
      }),
      { numRuns: 500 },
    );
  });

  it("ignores a nested member named nodes and a top-level nodes that is not an object", () => {
    const text = '{"x": {"nodes": {"no": 1}}, "nodes": {"a" : {"nodes": {"deep": 1}}, "b\\"c": 2}}';
    expect([...nodeOffsets(text)]).toEqual([
      ["a", text.indexOf('"a"')],
      ['b"c', text.indexOf('"b\\"c"')],
    ]);
    expect(nodeOffsets('{"nodes": ["a", {"b": 1}]}').size).toBe(0);
  });
});
