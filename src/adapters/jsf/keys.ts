import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { InputError } from "../../app/errors.js";
import type { FileText } from "../../app/ports.js";
import { keyKind, type Jwk, type KeyKind } from "../../domain/signature/jsf.js";
import { errnoCode } from "../errno.js";

/**
 * PEM keys for JSF signatures. A key file's text never reaches a message: errors name the file and
 * what is wrong with it, and node's own error codes only (its messages are not read).
 */

const SUPPORTED = "Ed25519, Ed448, EC P-256/P-384/P-521 or RSA";

const keyProblem = (file: FileText, message: string, next: string): InputError =>
  new InputError([{ origin: file.displayPath, pointer: "", message, next }]);

/** The public half as JSF's publicKey: only the members its schema allows. */
function toJwk(file: FileText, key: KeyObject): Jwk {
  let jwk: JsonWebKey;
  try {
    jwk = key.export({ format: "jwk" });
  } catch {
    throw keyProblem(
      file,
      `is a ${key.asymmetricKeyType ?? "unknown"} key; JSF signs with ${SUPPORTED} keys`,
      "use a key of one of those types",
    );
  }
  const { kty, crv, x, y, n, e } = jwk;
  if (kty === "OKP" && (crv === "Ed25519" || crv === "Ed448") && x !== undefined) return { kty, crv, x };
  if (kty === "EC" && (crv === "P-256" || crv === "P-384" || crv === "P-521") && x !== undefined && y !== undefined)
    return { kty, crv, x, y };
  if (kty === "RSA" && n !== undefined && e !== undefined) return { kty, n, e };
  throw unsupported(file, kty === "OKP" ? (crv ?? kty) : [kty ?? "unknown", crv].filter(Boolean).join(" "));
}

const unsupported = (file: FileText, type: string): InputError =>
  keyProblem(
    file,
    `is a key of a type JSF does not sign with (${type}); JSF signs with ${SUPPORTED} keys`,
    "use a key of one of those types",
  );

const PRIVATE_PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
/** PKCS#8's encrypted form, and the traditional (PKCS#1, SEC1) one's header: OpenSSL only says "interrupted". */
const ENCRYPTED_PEM = /-----BEGIN ENCRYPTED PRIVATE KEY-----|^Proc-Type: 4,ENCRYPTED$/m;

/** A private key to sign with: its KeyObject stays in the adapter. */
export interface PrivateKey {
  readonly key: KeyObject;
  readonly jwk: Jwk;
  readonly kind: KeyKind;
}

export function readPrivateKey(file: FileText): PrivateKey {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: file.text, format: "pem" });
  } catch (e) {
    if (ENCRYPTED_PEM.test(file.text) || errnoCode(e) === "ERR_MISSING_PASSPHRASE")
      throw keyProblem(
        file,
        "is an encrypted private key, and flake-audit asks for no passphrase",
        "give an unencrypted PEM key kept readable only by you (e.g. `openssl pkey -in KEY -out PLAIN.pem`)",
      );
    const isPublic = !PRIVATE_PEM.test(file.text) && canReadPublic(file.text);
    throw keyProblem(
      file,
      isPublic ? "holds a public key; signing needs the private key" : "is not a PEM private key",
      isPublic
        ? "give the private key (PKCS#8, PKCS#1 RSA or SEC1 EC PEM)"
        : "give a PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC), e.g. from `openssl genpkey -algorithm ed25519`",
    );
  }
  const jwk = toJwk(file, createPublicKey(key));
  return { key, jwk, kind: keyKind(jwk) };
}

function canReadPublic(text: string): boolean {
  try {
    createPublicKey({ key: text, format: "pem" });
    return true;
  } catch {
    return false;
  }
}

/** A public key to verify with; a private key is refused, so it is never handed around to verify. */
export function readPublicKey(file: FileText): { readonly key: KeyObject; readonly jwk: Jwk } {
  if (PRIVATE_PEM.test(file.text))
    throw keyProblem(
      file,
      "holds a private key; verify takes the public key",
      "give the public key (`openssl pkey -in KEY -pubout -out PUB.pem`), and keep the private key to yourself",
    );
  let key: KeyObject;
  try {
    key = createPublicKey({ key: file.text, format: "pem" });
  } catch {
    throw keyProblem(
      file,
      "is not a PEM public key",
      "give a PEM public key (SPKI `-----BEGIN PUBLIC KEY-----`, or an X.509 certificate)",
    );
  }
  return { key, jwk: toJwk(file, key) };
}
