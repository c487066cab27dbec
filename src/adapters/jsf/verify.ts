import { verify } from "node:crypto";
import type { FileText } from "../../app/ports.js";
import type { Jwk } from "../../domain/signature/jsf.js";
import type { VerifyNode } from "../../domain/signature/verify.js";
import { keyInput } from "./algorithms.js";
import { signedPayload } from "./canonical.js";
import { readPublicKey } from "./keys.js";

/** A PEM public key (`verify --key`) as JSF's publicKey, and node:crypto's verification with it. */
export function jsfVerifier(file: FileText): { readonly jwk: Jwk; readonly verify: VerifyNode } {
  const { key, jwk } = readPublicKey(file);
  return {
    jwk,
    verify(node, alg, value) {
      const payload = signedPayload(node);
      if (!payload.ok) return { kind: "not-canonicalizable", why: payload.why };
      const { hash, input } = keyInput(key, alg, "verify");
      try {
        return verify(hash, payload.bytes, input, Buffer.from(value, "base64url"))
          ? { kind: "valid" }
          : { kind: "mismatch" };
      } catch {
        // A value of the wrong length for the key (an ECDSA R‖S of another curve) throws: it does not verify.
        return { kind: "mismatch" };
      }
    },
  };
}
