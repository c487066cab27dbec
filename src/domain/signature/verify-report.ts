import type { SubjectFile, ToolInfo } from "../report.js";
import type { JsonObject, Jwk, KeyKind } from "./jsf.js";

/** One signer as the SBOM holds it: shape-checked by ingest, or what is wrong with it. */
export type SignerEntry =
  | {
      readonly ok: true;
      /** Where it sits: `/signature`, `/signature/signers/1`, `/components/3/signature`. */
      readonly pointer: string;
      readonly algorithm: string;
      readonly value: string;
      readonly keyId?: string;
      readonly publicKey?: Jwk;
    }
  | { readonly ok: false; readonly pointer: string; readonly problem: string };

/** An object of the SBOM that carries a signature: the BOM itself, or a top-level component, service or annotation. */
export interface SignedNode {
  /** The object's JSON pointer (`""` for the BOM). */
  readonly pointer: string;
  /** What it is, for people: `the BOM`, `component 'openssl'`. */
  readonly subject: string;
  readonly node: JsonObject;
  /** Its signer, or several (JSF's `signers` and `chain`: one of them must verify, as cdx-verify has it). */
  readonly signers: readonly SignerEntry[];
}

/** A CycloneDX JSON BOM as verify reads it. */
export interface SignedBom {
  /** The BOM's own node; undefined when it has no `signature`. */
  readonly root?: SignedNode;
  readonly nested: readonly SignedNode[];
}

export type SignerVerdict =
  | "valid"
  | "mismatch"
  | "algorithm-key-mismatch"
  | "unsupported-algorithm"
  | "public-key-differs"
  | "malformed"
  | "not-canonicalizable";

/** The verdict on one signer, and the words that explain it. */
export interface SignatureCheck {
  readonly pointer: string;
  readonly subject: string;
  readonly verdict: SignerVerdict;
  readonly algorithm?: string;
  readonly keyId?: string;
  readonly detail: string;
}

/** What `verify` answers about one SBOM and one public key. */
export interface VerifyReport {
  readonly schemaVersion: 1;
  readonly tool: ToolInfo;
  readonly sbomFile: SubjectFile;
  readonly keyFile: SubjectFile & { readonly kind: KeyKind };
  /** valid: the BOM's signature and every nested one verify; unsigned: the BOM has no signature. */
  readonly verdict: "valid" | "invalid" | "unsigned";
  /** One sentence: why the verdict. */
  readonly reason: string;
  readonly signatures: readonly SignatureCheck[];
}
