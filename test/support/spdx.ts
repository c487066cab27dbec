import Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import spdxLicenseList from "spdx-license-list";
import { FIXTURES } from "./paths.js";

const read = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, "spdx", name), "utf8"));

const validators = new Map<string, ValidateFunction>();

/** Null when the document passes the official schema of its version (fixtures/spdx), else ajv's errors. */
export function validateSpdx(text: string, spec: "2.3" | "3.0"): unknown {
  let v = validators.get(spec);
  if (v === undefined) {
    // 3.0.1: not allErrors, which collects every failing branch of the schema's oneOf over ~100 classes (4x slower).
    v =
      spec === "2.3"
        ? new Ajv.default({ allErrors: true, strict: false }).compile(read("spdx-2.3-schema.json") as object)
        : new Ajv2020.default({ strict: false }).compile(read("spdx-3.0.1-schema.json") as object);
    validators.set(spec, v);
  }
  return v(JSON.parse(text)) ? null : v.errors;
}

const CONTEXT = new Set(
  Object.keys((read("spdx-3.0.1-context.jsonld") as { "@context": Record<string, unknown> })["@context"]),
);
const LICENSE_IDS = new Set(Object.keys(spdxLicenseList));

/** An SPDX licence expression over ids of the SPDX licence list (AND/OR/WITH/parentheses), or NOASSERTION/NONE. */
export function isLicenceExpression(s: string): boolean {
  if (s === "NOASSERTION" || s === "NONE") return true;
  const tokens = s
    .replace(/[()]/g, " ")
    .split(/\s+/)
    .filter((t) => t !== "");
  return tokens.length > 0 && tokens.every((t, i) => (i % 2 === 1 ? ["AND", "OR"].includes(t) : LICENSE_IDS.has(t)));
}

export interface Pkg23 {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: string;
  supplier?: string;
  licenseDeclared?: string;
  licenseConcluded?: string;
  copyrightText?: string;
  checksums?: Array<{ algorithm: string; checksumValue: string }>;
  externalRefs?: Array<{ referenceCategory: string; referenceType: string; referenceLocator: string }>;
}
export interface Doc23 {
  SPDXID: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: Pkg23[];
  relationships: Array<{ spdxElementId: string; relationshipType: string; relatedSpdxElement: string }>;
}

/** What the schema leaves open in SPDX 2.3: ids, references, required NOASSERTIONs, formats. */
export function contentProblems23(doc: Doc23): string[] {
  const problems: string[] = [];
  const ids = new Set<string>([doc.SPDXID]);
  for (const p of doc.packages) {
    if (!/^SPDXRef-[A-Za-z0-9.-]+$/.test(p.SPDXID)) problems.push(`bad SPDXID ${p.SPDXID}`);
    if (ids.has(p.SPDXID)) problems.push(`duplicate SPDXID ${p.SPDXID}`);
    ids.add(p.SPDXID);
    for (const f of ["licenseDeclared", "licenseConcluded", "copyrightText", "supplier"] as const)
      if (p[f] === undefined || p[f] === "") problems.push(`${p.SPDXID}: no ${f}`);
    for (const f of ["licenseDeclared", "licenseConcluded"] as const)
      if (p[f] !== undefined && !isLicenceExpression(p[f])) problems.push(`${p.SPDXID}: ${f} '${p[f]}'`);
    if (p.supplier !== undefined && !/^(NOASSERTION|Organization: .+|Person: .+)$/s.test(p.supplier))
      problems.push(`${p.SPDXID}: supplier '${p.supplier}'`);
  }
  for (const r of doc.relationships)
    for (const end of [r.spdxElementId, r.relatedSpdxElement])
      if (!ids.has(end)) problems.push(`relationship to missing ${end}`);
  if (!doc.relationships.some((r) => r.spdxElementId === doc.SPDXID && r.relationshipType === "DESCRIBES"))
    problems.push("no DESCRIBES");
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(doc.creationInfo.created)) problems.push("created format");
  if (!/^[a-z][a-z0-9+.-]*:[^#\s]+$/.test(doc.documentNamespace)) problems.push("documentNamespace");
  return problems;
}

export type Element3 = Record<string, unknown> & { type: string; spdxId?: string };

/** What the schema leaves open in SPDX 3.0.1: names from the context, unique ids, resolvable references. */
export function contentProblems3(doc: { "@graph": Element3[] }): string[] {
  const problems: string[] = [];
  const ids = new Set<string>(["_:creationinfo", "https://spdx.org/rdf/3.0.1/terms/Licensing/NoAssertion"]);
  for (const e of doc["@graph"]) {
    if (!CONTEXT.has(e.type)) problems.push(`type ${e.type} not in the context`);
    for (const k of Object.keys(e))
      if (!["@id", "type", "spdxId"].includes(k) && !CONTEXT.has(k)) problems.push(`property ${k} not in the context`);
    if (e.spdxId === undefined) continue;
    if (ids.has(e.spdxId)) problems.push(`duplicate spdxId ${e.spdxId}`);
    ids.add(e.spdxId);
  }
  const refs = (e: Element3): string[] =>
    [
      "from",
      "to",
      "rootElement",
      "element",
      "suppliedBy",
      "originatedBy",
      "createdBy",
      "createdUsing",
      "creationInfo",
    ].flatMap((k) => (e[k] === undefined ? [] : Array.isArray(e[k]) ? (e[k] as string[]) : [e[k] as string]));
  for (const e of doc["@graph"])
    for (const r of refs(e)) if (!ids.has(r)) problems.push(`${e.spdxId ?? e.type} refers to missing ${r}`);
  return problems;
}
