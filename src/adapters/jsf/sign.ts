import { sign } from "node:crypto";
import { InputError, UsageError } from "../../app/errors.js";
import type { FileText } from "../../app/ports.js";
import {
  algorithmsFor,
  algorithmSpec,
  defaultAlgorithm,
  type JsfAlgorithm,
  type JsonObject,
  type Jwk,
} from "../../domain/signature/jsf.js";
import { keyInput } from "./algorithms.js";
import { signedPayload } from "./canonical.js";
import { readPrivateKey } from "./keys.js";

/** A JSF signer of CycloneDX JSON: the key stays inside; what it signs with is public. */
export interface SbomSigner {
  readonly algorithm: JsfAlgorithm;
  readonly publicKey: Jwk;
  /** The JSON SBOM text with a `signature` member added (the rest of the text as it was). */
  signJson(text: string): string;
}

/**
 * The signer of a PEM private key (`sbom --sign-key`): the algorithm is the key's (its type and
 * curve), or `algorithm` when asked for and the key can sign with it (RSA: RS256–RS512, PS256–PS512).
 */
export function sbomSigner(file: FileText, algorithm?: JsfAlgorithm): SbomSigner {
  const key = readPrivateKey(file);
  const alg = algorithm ?? defaultAlgorithm(key.kind);
  if (algorithmSpec(alg).key !== key.kind)
    throw new UsageError(
      `--sign-algorithm ${alg} needs an ${algorithmSpec(alg).key} key; ${file.displayPath} is an ${key.kind} key (it signs with ${algorithmsFor(key.kind).join(", ")})`,
    );
  return {
    algorithm: alg,
    publicKey: key.jwk,
    signJson(text) {
      // Our own rendering: JSON, and an object (a BOM).
      const bom = JSON.parse(text) as JsonObject;
      const payload = signedPayload(bom);
      if (!payload.ok)
        throw new InputError([
          {
            origin: "the SBOM",
            pointer: "",
            message: `cannot be signed: ${payload.why}`,
            next: "a name or URL in the input holds a lone UTF-16 surrogate, which canonical JSON (RFC 8785) cannot encode; remove it",
          },
        ]);
      const { hash, input } = keyInput(key.key, alg, "sign");
      const value = sign(hash, payload.bytes, input).toString("base64url");
      return withSignature(text, { algorithm: alg, publicKey: key.jwk, value });
    },
  };
}

/** Adds `signature` as the BOM's last member, indented as the writer indents (2 spaces). */
function withSignature(text: string, signature: object): string {
  const body = text.trimEnd();
  if (!body.endsWith("}")) throw new Error("a JSON SBOM ends with its object's closing brace");
  const member = JSON.stringify(signature, null, 2).replace(/\n/g, "\n  ");
  return `${body.slice(0, -1).trimEnd()},\n  "signature": ${member}\n}\n`;
}
