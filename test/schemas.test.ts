import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "../src/ingest/json-schemas.js";
import { allJsonSchemas } from "../src/schemas.js";
import { REPO, lockFixture, lockFixtures } from "./support/paths.js";

describe("schemas/ is generated from the zod schemas", () => {
  it.each(Object.entries(allJsonSchemas()))("%s is up to date (npm test -- -u rewrites it)", async (file, schema) => {
    await expect(`${JSON.stringify(schema, null, 2)}\n`).toMatchFileSnapshot(path.join(REPO, "schemas", file));
  });

  it("flake-lock.schema.json accepts every valid fixture and the project's own flake.lock", () => {
    const ajv = new Ajv2020.default({ strict: false });
    const validate = ajv.compile(jsonSchemas()["flake-lock.schema.json"]!);
    for (const f of [...lockFixtures("valid").map((n) => lockFixture("valid", n)), path.join(REPO, "flake.lock")]) {
      expect(validate(JSON.parse(readFileSync(f, "utf8"))), f).toBe(true);
    }
    expect(validate({ nodes: {}, root: "root", version: 4 })).toBe(false);
  });
});
