import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { buildSbom } from "../../../src/app/sbom.js";
import { renderCycloneDx } from "../../../src/render/sbom/serialize.js";
import { CORPUS, hasCorpus, REPO } from "../../support/paths.js";
import { TEST_TOOL, testFiles } from "../../support/sbom.js";

/**
 * cdxgen's validator (cdx-validate, a dev dependency) over every golden SBOM and the corpus locks'
 * SBOMs: schema and deep validation must pass, as with `cdx-validate --strict --fail-severity
 * critical` (compliance benchmarks such as "BOM not signed" do not fail the run). The bin costs ~6 s
 * per file, so most files go through the functions it calls (validateBomAdvanced, shouldFail), and
 * the bin itself checks two files to hold the two to the same verdict.
 */
const CDXGEN = path.join(REPO, "node_modules/@cyclonedx/cdxgen");
const BIN = path.join(REPO, "node_modules/.bin/cdx-validate");
const GOLDEN = path.join(REPO, "test/golden/sbom");

interface Verdict {
  readonly schemaValid: boolean;
  readonly deepValid: boolean;
  readonly fails: boolean;
}
type Validator = {
  validateBomAdvanced(bom: unknown, opts: object): { schemaValid: boolean; deepValid: boolean };
  shouldFail(report: unknown, opts: object): { shouldFail: boolean };
};

async function validator(): Promise<(bom: unknown) => Verdict> {
  // Not in the package's exports: loaded by path, as the bin loads it.
  const v: Validator = await import(pathToFileURL(path.join(CDXGEN, "lib/validator/index.js")).href);
  return (bom) => {
    const r = v.validateBomAdvanced(bom, { includeManual: false });
    const fails = v.shouldFail(r, { strict: true, failSeverity: "critical" }).shouldFail;
    return { schemaValid: r.schemaValid, deepValid: r.deepValid, fails };
  };
}

const goldenJson = readdirSync(GOLDEN)
  .filter((f) => f.endsWith(".cdx.json"))
  .sort();

describe.skipIf(!existsSync(BIN))("cdx-validate (cdxgen) accepts our SBOMs", () => {
  it("the bin, --strict --fail-severity critical, passes a golden SBOM and rejects one without dependsOn", () => {
    const run = (file: string) => {
      try {
        execFileSync(BIN, ["-i", file, "--strict", "--fail-severity", "critical", "--no-include-manual"], {
          stdio: "pipe",
        });
        return 0;
      } catch (e) {
        return (e as { status?: number }).status ?? -1;
      }
    };
    expect(run(path.join(GOLDEN, "follows-chain.cdx.json"))).toBe(0);
    // The shape before issue 11: a leaf's dependencies entry without dependsOn.
    const bom = JSON.parse(readFileSync(path.join(GOLDEN, "follows-chain.cdx.json"), "utf8"));
    for (const d of bom.dependencies) if (d.dependsOn.length === 0) delete d.dependsOn;
    const old = path.join(mkdtempSync(path.join(tmpdir(), "fa-cdx-")), "old.cdx.json");
    writeFileSync(old, JSON.stringify(bom));
    expect(run(old)).toBe(2);
  }, 60_000);

  it.each(goldenJson)(
    "golden %s",
    async (file) => {
      const check = await validator();
      expect(check(JSON.parse(readFileSync(path.join(GOLDEN, file), "utf8")))).toEqual({
        schemaValid: true,
        deepValid: true,
        fails: false,
      });
    },
    60_000,
  );
});

const corpusLocks = (): string[] => {
  const [header, ...rows] = readFileSync(path.join(CORPUS, "SOURCES.tsv"), "utf8").trim().split("\n");
  const cols = (header ?? "").split("\t");
  const at = (r: string[], c: string) => r[cols.indexOf(c)] ?? "";
  return rows
    .map((r) => r.split("\t"))
    .filter((r) => at(r, "kind") === "flake.lock" && ["5", "6", "7"].includes(at(r, "lock_version")))
    .map((r) => at(r, "file"));
};

describe.skipIf(!hasCorpus || !existsSync(BIN))("cdx-validate over the corpus locks' SBOMs (../shared/corpus)", () => {
  it("accepts every one", async () => {
    const check = await validator();
    const rejected: string[] = [];
    const files = corpusLocks();
    for (const file of files) {
      const { model } = await buildSbom(
        { lockPath: path.join(CORPUS, file), tool: TEST_TOOL, reproducible: true, name: "corpus" },
        testFiles,
      );
      const v = check(JSON.parse(renderCycloneDx(model, "1.6", "json")));
      if (v.fails) rejected.push(`${file}: ${JSON.stringify(v)}`);
    }
    expect(files.length).toBeGreaterThan(80);
    expect(rejected).toEqual([]);
  }, 120_000);
});

describe.runIf(!hasCorpus)("cdx-validate over the corpus", () => {
  it("is skipped: ../shared/corpus is not present next to this checkout", () => {
    console.warn("SKIPPED: cdx-validate corpus test needs ../shared/corpus (not present)");
  });
});
