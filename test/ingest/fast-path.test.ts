import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attrsLookValid, isWellFormedLock } from "../../src/ingest/lock/flake-lock.fast.js";
import { FlakeLockSchema, SOURCE_ATTR_SCHEMAS } from "../../src/ingest/lock/flake-lock.schema.js";
import { CORPUS, hasCorpus, lockFixture, lockFixtures } from "../support/paths.js";

/**
 * flake-lock.fast.ts is a hand-written twin of the zod schemas, used because it is faster on the
 * usual, well-formed lock (zod then runs only to explain what is wrong). It may reject more than zod
 * (zod then accepts, and nothing is lost), but never accept what zod rejects.
 */
const RUNS = { seed: 20261127, numRuns: 2000 };

const attrValue = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom("0".repeat(40), "a".repeat(64), "A".repeat(40), "", "x", "nixpkgs"),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(1.5, 2 ** 53, -0, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 2 }), fc.string({ maxLength: 2 }), { maxKeys: 1 }),
);
const attrKey = fc.constantFrom(
  "type",
  "owner",
  "repo",
  "rev",
  "ref",
  "narHash",
  "lastModified",
  "revCount",
  "url",
  "path",
  "id",
  "host",
  "dir",
  "name",
  "submodules",
  "shallow",
  "other",
);
const attrs = fc.oneof(fc.dictionary(attrKey, attrValue, { maxKeys: 6 }), attrValue);
const edge = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
  fc.array(attrValue, { maxLength: 2 }),
  attrValue,
);
const node = fc.oneof(
  fc.record(
    {
      inputs: fc.oneof(fc.dictionary(fc.string({ maxLength: 3 }), edge, { maxKeys: 3 }), attrValue),
      locked: attrs,
      original: attrs,
      info: attrs,
      flake: fc.oneof(fc.boolean(), attrValue),
      parent: fc.oneof(fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }), attrValue),
      buildTime: fc.oneof(fc.boolean(), attrValue),
      extra: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  ),
  attrValue,
);
const lockLike = fc.record(
  {
    version: fc.oneof(fc.constantFrom(4, 5, 6, 7, 8, "7", 7.0, 6.5), attrValue),
    root: fc.oneof(fc.constant("root"), attrValue),
    nodes: fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), node, { maxKeys: 4 }), attrValue),
  },
  { requiredKeys: [] },
);

describe("the fast path never accepts what the zod schema rejects", () => {
  it("isWellFormedLock(v) implies FlakeLockSchema accepts v, on generated lock-like documents", () => {
    fc.assert(
      fc.property(lockLike, (v) => {
        if (isWellFormedLock(v)) expect(FlakeLockSchema.safeParse(v).success).toBe(true);
      }),
      RUNS,
    );
  });

  it("attrsLookValid(type, a) implies the type's attribute schema accepts a", () => {
    const types = Object.keys(SOURCE_ATTR_SCHEMAS);
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.dictionary(attrKey, attrValue, { maxKeys: 6 }), (type, a) => {
        const clean: Record<string, string | number | boolean> = {};
        for (const [k, x] of Object.entries(a))
          if (typeof x === "string" || typeof x === "number" || typeof x === "boolean") clean[k] = x;
        if (attrsLookValid(type, clean)) expect(SOURCE_ATTR_SCHEMAS[type]?.safeParse(clean).success).toBe(true);
      }),
      RUNS,
    );
  });

  const files = [
    ...lockFixtures("valid").map((f) => lockFixture("valid", f)),
    ...lockFixtures("invalid").map((f) => lockFixture("invalid", f)),
    ...(hasCorpus ? readdirSync(path.join(CORPUS, "locks")).map((f) => path.join(CORPUS, "locks", f)) : []),
  ];
  it.each(files.map((f) => [path.basename(f), f]))("agrees with zod on %s", (_name, file) => {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      return; // not JSON: neither runs
    }
    expect(isWellFormedLock(doc)).toBe(FlakeLockSchema.safeParse(doc).success);
  });
});
