import { z } from "zod";
import { err, ok, type Result } from "../../domain/result.js";
import type { JsonObject } from "../../domain/signature/jsf.js";
import type { SignedBom, SignedNode, SignerEntry } from "../../domain/signature/verify-report.js";
import { parseJsonDocument } from "../json-document.js";
import { describeReceived, type InputIssue } from "../issues.js";

const b64url = z.string().regex(/^[A-Za-z0-9_-]*$/, "expected base64url");

/** JSF 0.82's publicKey, as its schema (CycloneDX's jsf-0.82.schema.json) allows it. */
const JwkSchema = z.discriminatedUnion("kty", [
  z.strictObject({ kty: z.literal("OKP"), crv: z.enum(["Ed25519", "Ed448"]), x: b64url }),
  z.strictObject({ kty: z.literal("EC"), crv: z.enum(["P-256", "P-384", "P-521"]), x: b64url, y: b64url }),
  z.strictObject({ kty: z.literal("RSA"), n: b64url, e: b64url }),
]);

/** One JSF signer (signaturecore); the algorithm is checked against the known ones later, with its own verdict. */
const SignerSchema = z.strictObject({
  algorithm: z.string(),
  value: b64url,
  keyId: z.string().optional(),
  publicKey: JwkSchema.optional(),
  certificatePath: z.array(z.string()).optional(),
  excludes: z.array(z.string()).optional(),
});

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function signer(value: unknown, pointer: string): SignerEntry {
  const r = SignerSchema.safeParse(value);
  if (r.success) {
    const { algorithm, value: v, keyId, publicKey } = r.data;
    return {
      ok: true,
      pointer,
      algorithm,
      value: v,
      ...(keyId !== undefined ? { keyId } : {}),
      ...(publicKey !== undefined ? { publicKey } : {}),
    };
  }
  const [i] = r.error.issues;
  const at = i === undefined || i.path.length === 0 ? "" : ` at ${i.path.map(String).join(".")}`;
  return { ok: false, pointer, problem: `malformed signature${at}: ${i?.message ?? "not a JSF signature"}` };
}

/** A `signature` member: one signer, or JSF's `signers` (multisignature) or `chain` (signature chain). */
function signers(sig: unknown, pointer: string): SignerEntry[] {
  for (const multi of ["signers", "chain"] as const) {
    if (!isObject(sig) || !Object.hasOwn(sig, multi)) continue;
    const list = sig[multi];
    if (!Array.isArray(list) || list.length === 0 || Object.keys(sig).length !== 1)
      return [
        { ok: false, pointer, problem: `malformed signature: '${multi}' must be the only member, a non-empty array` },
      ];
    return list.map((s: unknown, i) => signer(s, `${pointer}/${multi}/${i}`));
  }
  return [signer(sig, pointer)];
}

function subjectOf(kind: string, o: Readonly<Record<string, unknown>>): string {
  const name = [o["bom-ref"], o["name"], o["subject"]].find((v) => typeof v === "string");
  return typeof name === "string" ? `${kind} '${name}'` : kind;
}

/** The signed top-level components, services and annotations: those cdx-sign signs and cdx-verify checks. */
function nestedNodes(bom: JsonObject): SignedNode[] {
  const kinds = [
    ["components", "component"],
    ["services", "service"],
    ["annotations", "annotation"],
  ] as const;
  return kinds.flatMap(([member, kind]) => {
    const list = bom[member];
    if (!Array.isArray(list)) return [];
    return list.flatMap((o: unknown, i): SignedNode[] => {
      if (!isObject(o) || !Object.hasOwn(o, "signature")) return [];
      const pointer = `/${member}/${i}`;
      // An object of a parsed JSON document: every value in it is JSON.
      return [
        {
          pointer,
          subject: subjectOf(kind, o),
          node: o as JsonObject,
          signers: signers(o["signature"], `${pointer}/signature`),
        },
      ];
    });
  });
}

/**
 * A CycloneDX JSON SBOM, read for its signatures: the guarded JSON reader (depth-limited; files are
 * size-limited when read), then the document must be a CycloneDX BOM object. Signatures of the wrong
 * shape are not input errors here but signers whose verdict is `malformed` (exit 1, not 3).
 */
export function parseSignedBom(text: string, origin: string): Result<SignedBom, InputIssue[]> {
  const doc = parseJsonDocument(text, origin, "a CycloneDX JSON SBOM");
  if (!doc.ok) return doc;
  const bom = doc.value;
  if (!isObject(bom) || bom["bomFormat"] !== "CycloneDX")
    return err([
      {
        origin,
        pointer: isObject(bom) ? "/bomFormat" : "",
        message: "not a CycloneDX JSON SBOM",
        expected: 'an object with "bomFormat": "CycloneDX"',
        received: describeReceived(isObject(bom) ? bom["bomFormat"] : bom),
        next: "pass the JSON SBOM `flake-audit sbom` (or another CycloneDX tool) wrote; XML SBOMs carry no JSF signature",
      },
    ]);
  // JSON.parse made it, so every value in it is JSON.
  const node = bom as JsonObject;
  const root: SignedNode | undefined = Object.hasOwn(bom, "signature")
    ? { pointer: "", subject: "the BOM", node, signers: signers(bom["signature"], "/signature") }
    : undefined;
  return ok({ ...(root !== undefined ? { root } : {}), nested: nestedNodes(node) });
}
