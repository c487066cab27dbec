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
