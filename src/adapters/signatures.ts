import { createPublicKey, verify, type KeyObject } from "node:crypto";
import type { VerifySignature } from "../app/fleet-ports.js";

/** Ed25519 verification with node:crypto; key objects are made once per key. */
export function ed25519Verifier(): VerifySignature {
  const keys = new Map<string, KeyObject>();
  return (publicKey, message, signature) => {
    const x = Buffer.from(publicKey).toString("base64url");
    let key = keys.get(x);
    if (key === undefined) {
      key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
      keys.set(x, key);
    }
    try {
      return verify(null, Buffer.from(message, "utf8"), key, signature);
    } catch {
      return false;
    }
  };
}
