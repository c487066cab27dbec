import { InputError } from "./errors.js";
import type { FileText, Files } from "./ports.js";
import { keyKind, type Jwk } from "../domain/signature/jsf.js";
import { verifyBom, type VerifyNode } from "../domain/signature/verify.js";
import type { VerifyReport } from "../domain/signature/verify-report.js";
import type { ToolInfo } from "../domain/report.js";
import { parseSignedBom } from "../ingest/sbom/signed-bom.js";

/** A PEM public key read into JSF's publicKey and its verifier (adapters/jsf/verify.ts); throws InputError. */
export type ReadVerifyingKey = (file: FileText) => { readonly jwk: Jwk; readonly verify: VerifyNode };

export interface VerifyRequest {
  readonly sbomPath: string;
  readonly keyPath: string;
  readonly tool: ToolInfo;
}

/**
 * `verify`: the SBOM's JSF signatures against one public key. Unreadable or malformed files throw
 * InputError (exit 3); a signature that does not verify is the report's verdict (exit 1).
 */
export async function verifySbom(req: VerifyRequest, files: Files, readKey: ReadVerifyingKey): Promise<VerifyReport> {
  const sbomText = await files.readText(req.sbomPath);
  const bom = parseSignedBom(sbomText.text, sbomText.displayPath);
  if (!bom.ok) throw new InputError(bom.error);
  const keyText = await files.readText(req.keyPath);
  const key = readKey(keyText);
  return {
    schemaVersion: 1,
    tool: req.tool,
    sbomFile: { path: sbomText.displayPath, sha256: sbomText.sha256 },
    keyFile: { path: keyText.displayPath, sha256: keyText.sha256, kind: keyKind(key.jwk) },
    ...verifyBom(bom.value, key.jwk, key.verify),
  };
}
