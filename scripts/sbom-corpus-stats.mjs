// SBOM quality counts over the real lock corpus, for before/after comparisons (issue 11).
// Usage: npm run build && node scripts/sbom-corpus-stats.mjs [corpus-dir] [--list]
// corpus-dir defaults to ../shared/corpus next to this checkout. Reads the compiled dist/, so the
// numbers are those of whatever was last built. cdx-validate's checks run in-process (the same
// validateBomAdvanced + shouldFail the cdx-validate bin calls, with --strict and
// --fail-severity critical), because starting the bin costs ~6 s per file.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const list = args.includes("--list");
const corpus = path.resolve(args.find((a) => !a.startsWith("--")) ?? path.join(repo, "../shared/corpus"));
if (!existsSync(path.join(corpus, "SOURCES.tsv"))) {
  console.error(`no corpus at ${corpus} (expected SOURCES.tsv there)`);
  process.exit(2);
}
const dist = (p) => import(pathToFileURL(path.join(repo, "dist", p)).href);
const { buildSbom } = await dist("app/sbom.js");
const { renderCycloneDxJson } = await dist("render/sbom/render-json.js");
const validator = await import(
  pathToFileURL(path.join(repo, "node_modules/@cyclonedx/cdxgen/lib/validator/index.js")).href
);

const files = {
  async readGitFile() {
    throw new Error("not used");
  },
  async exists(p) {
    return existsSync(p);
  },
  async readText(p) {
    const text = readFileSync(p, "utf8");
    return { displayPath: path.basename(p), text, sha256: createHash("sha256").update(text).digest("hex"), directoryName: "corpus" };
  },
};

const [header, ...rows] = readFileSync(path.join(corpus, "SOURCES.tsv"), "utf8").trim().split("\n");
const cols = header.split("\t");
const locks = rows
  .map((r) => r.split("\t"))
  .filter((r) => r[cols.indexOf("kind")] === "flake.lock" && ["5", "6", "7"].includes(r[cols.indexOf("lock_version")]))
  .map((r) => r[cols.indexOf("file")]);

const totals = { sboms: 0, components: 0, inputPaths: 0, genericPurls: 0, duplicatePurls: 0, withoutVersion: 0, fileWithoutVersion: 0, colonEncodedGenericPurls: 0, dependenciesWithoutDependsOn: 0, cdxValidateRejected: 0 };
const rejected = [];
for (const file of locks) {
  const { model } = await buildSbom({ lockPath: path.join(corpus, file), tool: { name: "flake-audit", version: "stats" }, reproducible: true, name: "corpus" }, files);
  const bom = JSON.parse(renderCycloneDxJson(model, "1.6"));
  const comps = bom.components ?? [];
  totals.sboms++;
  totals.components += comps.length;
  const purls = comps.map((c) => c.purl).filter((p) => p !== undefined);
  totals.duplicatePurls += purls.length - new Set(purls).size;
  const noVersion = comps.filter((c) => c.version === undefined);
  totals.withoutVersion += noVersion.length;
  totals.fileWithoutVersion += noVersion.filter((c) => c.properties?.some((p) => p.name === "flake-audit:input_type" && p.value === "file")).length;
  totals.inputPaths += [bom.metadata?.component ?? {}, ...comps]
    .flatMap((c) => c.properties ?? []).filter((p) => p.name === "flake-audit:input_path").length;
  totals.genericPurls += purls.filter((p) => p.startsWith("pkg:generic/")).length;
  totals.colonEncodedGenericPurls += purls.filter((p) => p.startsWith("pkg:generic/") && /%3A/i.test(p)).length;
  totals.dependenciesWithoutDependsOn += (bom.dependencies ?? []).filter((d) => d.dependsOn === undefined).length;
  const report = validator.validateBomAdvanced(bom, { includeManual: false });
  if (validator.shouldFail(report, { strict: true, failSeverity: "critical" }).shouldFail) {
    totals.cdxValidateRejected++;
    rejected.push(`${file} schemaValid=${report.schemaValid} deepValid=${report.deepValid}`);
  }
}
console.log(JSON.stringify(totals, null, 2));
if (list) for (const r of rejected) console.log(r);
