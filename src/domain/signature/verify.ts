import {
  algorithmSpec,
  isJsfAlgorithm,
  JSF_ALGORITHM_NAMES,
  keyKind,
  sameKey,
  type JsfAlgorithm,
  type JsonObject,
  type Jwk,
} from "./jsf.js";
import type { SignatureCheck, SignedBom, SignedNode, SignerEntry, VerifyReport } from "./verify-report.js";

/** What the cryptography says of one signer: it verifies, it does not, or the node has no canonical form. */
export type CryptoVerdict =
  | { readonly kind: "valid" }
  | { readonly kind: "mismatch" }
  | { readonly kind: "not-canonicalizable"; readonly why: string };

/** node:crypto's verification of `value` over the node without its `signature` (adapters/jsf/). */
export type VerifyNode = (node: JsonObject, algorithm: JsfAlgorithm, value: string) => CryptoVerdict;

type Verdict = Pick<SignatureCheck, "verdict" | "detail">;

/** What can be said of a signer before any cryptography: its shape, its algorithm, its key. */
function precheck(entry: SignerEntry, key: Jwk): Verdict | JsfAlgorithm {
  if (!entry.ok) return { verdict: "malformed", detail: entry.problem };
  if (!isJsfAlgorithm(entry.algorithm))
    return {
      verdict: "unsupported-algorithm",
      detail: `'${entry.algorithm}' is not an algorithm verify knows (${JSF_ALGORITHM_NAMES.join(", ")})`,
    };
  const needs = algorithmSpec(entry.algorithm).key;
  if (needs !== keyKind(key))
    return {
      verdict: "algorithm-key-mismatch",
      detail: `${entry.algorithm} needs an ${needs} key; the key given is ${keyKind(key)}`,
    };
  if (entry.publicKey !== undefined && !sameKey(entry.publicKey, key))
    return {
      verdict: "public-key-differs",
      detail: "the signature names another public key (its publicKey) than the key given",
    };
  return entry.algorithm;
}

function checkSigner(node: SignedNode, entry: SignerEntry, key: Jwk, verify: VerifyNode): SignatureCheck {
  const pre = precheck(entry, key);
  const verdict: Verdict =
    typeof pre === "object" ? pre : fromCrypto(verify(node.node, pre, entry.ok ? entry.value : ""), pre);
  return {
    pointer: entry.pointer,
    subject: node.subject,
    ...verdict,
    ...(entry.ok && entry.algorithm !== "" ? { algorithm: entry.algorithm } : {}),
    ...(entry.ok && entry.keyId !== undefined ? { keyId: entry.keyId } : {}),
  };
}

function fromCrypto(c: CryptoVerdict, alg: JsfAlgorithm): Verdict {
  switch (c.kind) {
    case "valid":
      return { verdict: "valid", detail: `verifies with the key (${alg})` };
    case "mismatch":
      return {
        verdict: "mismatch",
        detail: "does not verify with the key: the content was changed after signing, or another key signed it",
      };
    case "not-canonicalizable":
      return {
        verdict: "not-canonicalizable",
        detail: `the signed content has no canonical form (RFC 8785): ${c.why}`,
      };
  }
}

/** A node is valid when one of its signers verifies (JSF `signers` and `chain` as cdx-verify reads them). */
const nodeValid = (checks: readonly SignatureCheck[]): boolean => checks.some((c) => c.verdict === "valid");

/**
 * The verdict on a BOM: its own signature must verify with the key, and so must every signature of
 * its top-level components, services and annotations (as `cdx-verify --deep`). A BOM whose only
 * signatures are nested is `unsigned`: the whole document is what an SBOM's signature vouches for.
 */
export function verifyBom(
  bom: SignedBom,
  key: Jwk,
  verify: VerifyNode,
): Pick<VerifyReport, "verdict" | "reason" | "signatures"> {
  const nodes = [...(bom.root !== undefined ? [bom.root] : []), ...bom.nested];
  const perNode = nodes.map((n) => n.signers.map((s) => checkSigner(n, s, key, verify)));
  const signatures = perNode.flat();
  if (bom.root === undefined)
    return { verdict: "unsigned", reason: "the SBOM has no signature (no top-level `signature`)", signatures };
  const [rootChecks = [], ...nestedChecks] = perNode;
  if (!nodeValid(rootChecks)) {
    const first = rootChecks[0];
    return { verdict: "invalid", reason: `the SBOM's signature: ${first?.detail ?? "it has no signer"}`, signatures };
  }
  const bad = nestedChecks.filter((c) => !nodeValid(c)).length;
  if (bad > 0)
    return {
      verdict: "invalid",
      reason: `the SBOM's signature verifies, but ${bad} of its ${nestedChecks.length} nested signatures do not`,
      signatures,
    };
  const reason =
    nestedChecks.length > 0
      ? `the SBOM's signature and its ${nestedChecks.length} nested signatures verify with the key`
      : "the SBOM's signature verifies with the key";
  return { verdict: "valid", reason, signatures };
}
