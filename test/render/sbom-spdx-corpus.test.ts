import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSbom } from "../../src/app/sbom.js";
import { CORPUS, hasCorpus } from "../support/paths.js";
import { TEST_TOOL, testFiles } from "../support/sbom.js";
import { checkDocument, SPECS } from "../support/spdx-check.js";

const corpusLocks = (): string[] => {
  const [header, ...rows] = readFileSync(path.join(CORPUS, "SOURCES.tsv"), "utf8").trim().split("\n");
  const cols = (header ?? "").split("\t");
  const at = (r: string[], c: string) => r[cols.indexOf(c)] ?? "";
  return rows
    .map((r) => r.split("\t"))
    .filter((r) => at(r, "kind") === "flake.lock" && ["5", "6", "7"].includes(at(r, "lock_version")))
    .map((r) => at(r, "file"));
};

// ../shared/corpus/pathinfo holds Nix's unit-test path-info objects, not closures: closures are
// covered by fixtures/closure and the package world (sbom-spdx.test.ts).
describe.skipIf(!hasCorpus)("SPDX of the corpus locks (../shared/corpus): schemas and content checks", () => {
  it.each(SPECS)(
    "every lock, SPDX %s",
    async (spec) => {
      const files = corpusLocks();
      expect(files.length).toBeGreaterThan(50);
      for (const file of files) {
        const { model } = await buildSbom(
          { lockPath: path.join(CORPUS, file), tool: TEST_TOOL, reproducible: true, name: "corpus" },
          testFiles,
        );
        checkDocument(model, spec);
      }
    },
    180_000,
  );
});

describe.runIf(!hasCorpus)("SPDX of the corpus", () => {
  it("is skipped: ../shared/corpus is not present next to this checkout", () => {
    console.warn("SKIPPED: SPDX corpus test needs ../shared/corpus (not present)");
  });
});
