import type { SignatureCheck, VerifyReport } from "../../domain/signature/verify-report.js";
import { oneLine } from "../escape.js";
import { wrapLines } from "../wrap.js";

const HEADLINE = { valid: "VALID", invalid: "INVALID", unsigned: "NOT SIGNED" } as const;

/** Failed signers are listed one by one; valid ones (cdx-sign signs every component) only counted past this many. */
const LISTED_VALID = 5;

const line = (c: SignatureCheck): string =>
  `  ${c.verdict === "valid" ? "✓" : "✗"} ${oneLine(c.subject)} (${oneLine(c.pointer)}${c.algorithm !== undefined ? `, ${oneLine(c.algorithm)}` : ""}${c.keyId !== undefined ? `, keyId ${oneLine(c.keyId)}` : ""}): ${oneLine(c.detail)}`;

/** Plain text: the verdict first, then each signer; every string from the SBOM passes oneLine. */
export function renderVerifyText(r: VerifyReport, opts: { readonly width?: number } = {}): string {
  const valid = r.signatures.filter((c) => c.verdict === "valid");
  const failed = r.signatures.filter((c) => c.verdict !== "valid");
  const out = [
    `${HEADLINE[r.verdict]}: ${oneLine(r.reason)}`,
    `  SBOM:   ${oneLine(r.sbomFile.path)}`,
    `  sha256: ${r.sbomFile.sha256}`,
    `  key:    ${oneLine(r.keyFile.path)} (${r.keyFile.kind})`,
    ...failed.map(line),
    ...(valid.length <= LISTED_VALID
      ? valid.map(line)
      : [...valid.slice(0, LISTED_VALID).map(line), `  ✓ … and ${valid.length - LISTED_VALID} more valid signatures`]),
  ];
  return `${wrapLines(out, opts.width).join("\n")}\n`;
}
