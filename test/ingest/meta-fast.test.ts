import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMetaDocument } from "../../src/ingest/meta/meta.fast.js";
import { MetaDocumentSchema } from "../../src/ingest/meta/meta.schema.js";

// Values near the schema: each field either of a right type or of a wrong one, so both answers occur.
const loose = fc.oneof(
  fc.string(),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 2 }),
);
const str = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined)) },
  { weight: 1, arbitrary: loose },
);
const bool = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(fc.boolean(), fc.constant(null), fc.constant(undefined)) },
  { weight: 1, arbitrary: loose },
);
const licenseObj = fc.record(
  { spdxId: str, fullName: str, shortName: str, url: str, free: bool, redistributable: bool },
  { requiredKeys: [] },
);
const licenseItem = fc.oneof(fc.string(), licenseObj, { weight: 1, arbitrary: loose });
const meta = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        description: str,
        license: fc.oneof(licenseItem, fc.array(licenseItem, { maxLength: 3 }), fc.constant(null)),
        homepage: fc.oneof(
          fc.string(),
          fc.array(fc.oneof({ weight: 5, arbitrary: fc.string() }, { weight: 1, arbitrary: loose }), { maxLength: 3 }),
          loose,
        ),
        identifiers: fc.oneof(
          fc.record(
            { cpe: str, purl: str, purls: fc.oneof(fc.array(fc.string(), { maxLength: 2 }), loose) },
            { requiredKeys: [] },
          ),
          loose,
        ),
        maintainers: fc.anything({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: loose },
);
const entry = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        name: str,
        pname: str,
        version: str,
        system: str,
        outputName: str,
        outputs: fc.oneof(
          fc.dictionary(fc.string(), fc.oneof({ weight: 6, arbitrary: fc.string() }, { weight: 1, arbitrary: loose }), {
            maxKeys: 3,
          }),
          loose,
        ),
        meta,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: loose },
);
const doc = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(fc.string(), entry, { maxKeys: 4 }) },
  { weight: 1, arbitrary: loose },
);

describe("the meta fast path accepts exactly what the schema accepts", () => {
  it("on generated documents (fixed seed)", () => {
    let accepted = 0;
    fc.assert(
      fc.property(doc, (d) => {
        // What JSON.parse can produce: undefined-valued keys do not exist in a parsed document.
        const v: unknown = JSON.parse(JSON.stringify(d) ?? "null");
        const fast = isMetaDocument(v);
        if (fast) accepted++;
        expect(fast).toBe(MetaDocumentSchema.safeParse(v).success);
      }),
      { seed: 19, numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});

describe("parseMeta on hostile text", () => {
  it("answers every mutated document with a value or located issues, never a throw", async () => {
    const { parseMeta } = await import("../../src/ingest/meta/meta.js");
    const base = JSON.stringify(
      {
        hello: {
          name: "hello-2.12",
          outputs: { out: "/nix/store/fiy5p73xf7giw6si0jf86hcgwg42wx1c-hello-2.12" },
          meta: { license: [{ spdxId: "MIT" }], homepage: "https://x" },
        },
      },
      null,
      1,
    );
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(base.length), fc.string({ maxLength: 4 }), (a, b, insert) => {
        const text = base.slice(0, Math.min(a, b)) + insert + base.slice(Math.max(a, b));
        const r = parseMeta(text, "meta.json");
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
      }),
      { seed: 19, numRuns: 2000 },
    );
  });
});
