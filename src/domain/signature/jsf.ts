/**
 * JSON Signature Format (JSF 0.82) as CycloneDX embeds it: the signature algorithms, the public keys
 * (JWK) they take, and which algorithm a key signs with by default. Pure data and decisions; the
 * signing itself is node:crypto's (adapters/jsf/).
 */

/** A JSON value as JSON.parse makes it. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** A public key as JSF's `publicKey` (a JWK with only the members JSF's schema allows). */
export type Jwk =
  | { readonly kty: "OKP"; readonly crv: "Ed25519" | "Ed448"; readonly x: string }
  | { readonly kty: "EC"; readonly crv: "P-256" | "P-384" | "P-521"; readonly x: string; readonly y: string }
  | { readonly kty: "RSA"; readonly n: string; readonly e: string };

/** What a key is, to match algorithms against: `OKP Ed25519`, `EC P-256`, `RSA`. */
export type KeyKind = "OKP Ed25519" | "OKP Ed448" | "EC P-256" | "EC P-384" | "EC P-521" | "RSA";

export function keyKind(jwk: Jwk): KeyKind {
  if (jwk.kty === "RSA") return "RSA";
  return jwk.kty === "EC" ? `EC ${jwk.crv}` : `OKP ${jwk.crv}`;
}

interface AlgorithmSpec {
  readonly key: KeyKind;
  /** The digest node:crypto signs with; none for EdDSA, which hashes inside. */
  readonly hash: "sha256" | "sha384" | "sha512" | null;
  /** RSASSA-PSS (salt as long as the digest allows, as cdxgen signs) instead of PKCS#1 v1.5. */
  readonly pss?: true;
}

/** The asymmetric algorithms of JSF 0.82 (its HMAC ones need a shared secret: not an SBOM signature). */
export const JSF_ALGORITHMS = {
  Ed25519: { key: "OKP Ed25519", hash: null },
  Ed448: { key: "OKP Ed448", hash: null },
  ES256: { key: "EC P-256", hash: "sha256" },
  ES384: { key: "EC P-384", hash: "sha384" },
  ES512: { key: "EC P-521", hash: "sha512" },
  RS256: { key: "RSA", hash: "sha256" },
  RS384: { key: "RSA", hash: "sha384" },
  RS512: { key: "RSA", hash: "sha512" },
  PS256: { key: "RSA", hash: "sha256", pss: true },
  PS384: { key: "RSA", hash: "sha384", pss: true },
  PS512: { key: "RSA", hash: "sha512", pss: true },
} as const satisfies Record<string, AlgorithmSpec>;

export type JsfAlgorithm = keyof typeof JSF_ALGORITHMS;
export function isJsfAlgorithm(name: string): name is JsfAlgorithm {
  return Object.hasOwn(JSF_ALGORITHMS, name);
}

export const JSF_ALGORITHM_NAMES: readonly JsfAlgorithm[] = Object.keys(JSF_ALGORITHMS).filter(isJsfAlgorithm);

export const algorithmSpec = (alg: JsfAlgorithm): AlgorithmSpec => JSF_ALGORITHMS[alg];

/** The algorithms a key can sign with, in the table's order. */
export const algorithmsFor = (kind: KeyKind): JsfAlgorithm[] =>
  JSF_ALGORITHM_NAMES.filter((a) => JSF_ALGORITHMS[a].key === kind);

/**
 * The algorithm a key signs with when none is asked for: the curve decides for EdDSA and ECDSA (one
 * algorithm each); RSA signs RS512, cdx-sign's default.
 */
export function defaultAlgorithm(kind: KeyKind): JsfAlgorithm {
  const [first] = kind === "RSA" ? (["RS512"] as const) : algorithmsFor(kind);
  // Every key kind has an algorithm in the table.
  return first ?? "RS512";
}

/** ECDSA signs with a fresh random nonce: the same BOM signed twice gives two different values. */
export const isDeterministic = (alg: JsfAlgorithm): boolean => !alg.startsWith("ES");

/** Whether two JWKs are the same public key (member by member: JWKs carry no other members here). */
export function sameKey(a: Jwk, b: Jwk): boolean {
  if (a.kty === "RSA") return b.kty === "RSA" && a.n === b.n && a.e === b.e;
  if (a.kty === "EC") return b.kty === "EC" && a.crv === b.crv && a.x === b.x && a.y === b.y;
  return b.kty === "OKP" && a.crv === b.crv && a.x === b.x;
}
