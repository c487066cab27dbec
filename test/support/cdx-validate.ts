import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { REPO } from "./paths.js";

export const CDXGEN = path.join(REPO, "node_modules/@cyclonedx/cdxgen");

export interface CdxFinding {
  readonly ruleId?: string;
  readonly id?: string;
  readonly status: string;
  readonly message?: string;
  readonly locations?: Array<{ bomRef?: string }>;
}
export interface CdxReport {
  readonly schemaValid: boolean;
  readonly deepValid: boolean;
  readonly allFindings: readonly CdxFinding[];
}
type Validator = {
  validateBomAdvanced(bom: unknown, opts: object): CdxReport;
  shouldFail(report: unknown, opts: object): { shouldFail: boolean };
};

/**
 * cdxgen's validator, loaded by path as its cdx-validate bin loads it (it is not in the package's
 * exports): schema, deep checks and the SCVS/CRA benchmark findings of one BOM, and whether
 * `cdx-validate --strict --fail-severity critical` would fail it.
 */
export async function cdxValidate(bom: unknown): Promise<CdxReport & { fails: boolean }> {
  const v: Validator = await import(pathToFileURL(path.join(CDXGEN, "lib/validator/index.js")).href);
  const r = v.validateBomAdvanced(bom, { includeManual: false, includePass: true });
  return { ...r, fails: v.shouldFail(r, { strict: true, failSeverity: "critical" }).shouldFail };
}

/** The finding of one rule (SCVS-2.14 …), by its id. */
export const finding = (r: CdxReport, id: string): CdxFinding | undefined =>
  r.allFindings.find((f) => (f.ruleId ?? f.id) === id);

/** The cdx-validate bin (the same validator, with its scorecards, signature check and exit code). */
export const CDX_VALIDATE_BIN = path.join(REPO, "node_modules/.bin/cdx-validate");

export interface Control {
  readonly id: string;
  readonly status: string;
  readonly automatable?: boolean;
}
/** One benchmark's scorecard (`scvs`, `cra`) in the bin's JSON report. */
export interface Scorecard {
  readonly id: string;
  readonly scorePct: number;
  readonly controls: readonly Control[];
}
export interface BinReport {
  readonly benchmarks: readonly Scorecard[];
  readonly signatureVerified?: boolean | null;
}

/**
 * The bin's JSON report of one SBOM file, with its exit code (3: a failing finding of high severity).
 * The report is written to a file: the bin exits before a pipe drains.
 */
export function cdxValidateBin(
  file: string,
  extraArgs: readonly string[] = [],
): { status: number | null; report: BinReport; stderr: string } {
  const out = `${file}.report.json`;
  const r = spawnSync(CDX_VALIDATE_BIN, ["-i", file, "-r", "json", "--no-include-manual", ...extraArgs, "-o", out], {
    encoding: "utf8",
  });
  return { status: r.status, report: JSON.parse(readFileSync(out, "utf8")), stderr: r.stderr };
}

/** The ids of the failing controls of one benchmark. */
export const failingControls = (cards: readonly Scorecard[], id: string): string[] =>
  (cards.find((b) => b.id === id)?.controls ?? []).filter((c) => c.status === "fail").map((c) => c.id);

/** The minimum-element flags both compliance tests give `sbom` (manufacturer, contact, author). */
export const MINIMUM_ELEMENT_FLAGS: readonly string[] = [
  "--manufacturer",
  "ACME Corp",
  "--manufacturer-url",
  "https://acme.example",
  "--vulnerability-contact",
  "security@acme.example",
  "--author",
  "Jane Doe <jane@acme.example>",
];
