import canonicalize from "canonicalize";
import type { JsonObject } from "../../domain/signature/jsf.js";

/**
 * What a JSF signature of a CycloneDX object signs, as cdxgen's cdx-sign and cdx-verify have it
 * (lib/helpers/bomSigner.js): the object without its `signature` member, in RFC 8785 canonical JSON
 * (the `canonicalize` library), as UTF-8. JSF 0.82 itself would keep the signature object minus its
 * `value`; cdxgen leaves it out whole, and being verifiable by cdx-verify decides.
 */
export function signedPayload(node: JsonObject): { ok: true; bytes: Buffer } | { ok: false; why: string } {
  const { signature: _signature, ...rest } = node;
  try {
    const text = canonicalize(rest);
    // An object always serialises; `undefined` is only for values JSON.stringify drops.
    if (text === undefined) return { ok: false, why: "nothing to sign" };
    return { ok: true, bytes: Buffer.from(text, "utf8") };
  } catch (e) {
    // The library refuses lone surrogates (JSON can escape them; UTF-8 cannot carry them).
    return { ok: false, why: e instanceof Error ? e.message : "refused by the canonicaliser" };
  }
}
