import { constants, type KeyObject, type SigningOptions } from "node:crypto";
import { algorithmSpec, type JsfAlgorithm } from "../../domain/signature/jsf.js";

/**
 * node:crypto's options for a JSF algorithm (JWA, RFC 7518): ECDSA signatures are R‖S (IEEE P1363),
 * not DER; PSS signs with a salt as long as the digest (RFC 7518 §3.5) and verifies any salt length,
 * since cdx-sign signs with the longest salt the key allows.
 */
export function keyInput(
  key: KeyObject,
  alg: JsfAlgorithm,
  purpose: "sign" | "verify",
): { hash: string | null; input: SigningOptions & { key: KeyObject } } {
  const spec = algorithmSpec(alg);
  const pss = "pss" in spec && spec.pss;
  return {
    hash: spec.hash,
    input: {
      key,
      ...(alg.startsWith("ES") ? { dsaEncoding: "ieee-p1363" as const } : {}),
      ...(pss
        ? {
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: purpose === "sign" ? constants.RSA_PSS_SALTLEN_DIGEST : constants.RSA_PSS_SALTLEN_AUTO,
          }
        : {}),
    },
  };
}
