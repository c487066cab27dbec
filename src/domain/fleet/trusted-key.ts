import { fromBase64 } from "../nix/hash.js";
import { err, ok, type Result } from "../result.js";

/** A public key as Nix's `trusted-public-keys` lists it: `cache.example.org-1:<base64 of 32 bytes>`. */
export interface TrustedKey {
  readonly name: string;
  /** The raw 32-byte Ed25519 public key. */
  readonly key: Uint8Array;
}

const NAME_RE = /^[A-Za-z0-9._+-]{1,100}$/;

/** Parses `name:base64`, as Nix's PublicKey constructor does; says what is wrong otherwise. */
export function parseTrustedKey(text: string): Result<TrustedKey, string> {
  const colon = text.indexOf(":");
  if (colon <= 0) return err("expected <key name>:<base64 public key>, e.g. cache.example.org-1:6NCH…ShjY=");
  const name = text.slice(0, colon);
  if (!NAME_RE.test(name)) return err(`key name '${name}' has characters other than letters, digits and ._+-`);
  const b64 = text.slice(colon + 1);
  // An Ed25519 public key is 32 bytes: 44 base64 characters with one `=`.
  const key = b64.length === 44 ? fromBase64(b64, 32) : undefined;
  if (key === undefined) return err("the part after ':' is not the base64 of a 32-byte Ed25519 public key");
  return ok({ name, key });
}

/** A Nix signature `name:base64(64 bytes)` split, or undefined when it is not one. */
export function splitSignature(sig: { keyName: string; sig: string }): Uint8Array | undefined {
  return sig.sig.length === 88 ? fromBase64(sig.sig, 64) : undefined;
}
