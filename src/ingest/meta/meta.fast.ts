import type { MetaEntry } from "./meta.schema.js";

// The fields MetaDocumentSchema types, checked by hand: a nixpkgs-wide file has 100,000 entries and
// zod takes seconds over it. zod runs only when this says no, to explain where and why
// (test/ingest/meta-fast.test.ts holds the two equal).

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const nullish = (v: unknown): boolean => v === undefined || v === null;
const optString = (v: unknown): boolean => nullish(v) || typeof v === "string";
const optBool = (v: unknown): boolean => nullish(v) || typeof v === "boolean";
const stringList = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === "string");

const licenseItem = (v: unknown): boolean =>
  typeof v === "string" ||
  (isObj(v) &&
    optString(v["spdxId"]) &&
    optString(v["fullName"]) &&
    optString(v["shortName"]) &&
    optString(v["url"]) &&
    optBool(v["free"]) &&
    optBool(v["redistributable"]));

function metaAttrs(m: unknown): boolean {
  if (nullish(m)) return true;
  if (!isObj(m)) return false;
  const license = m["license"];
  const homepage = m["homepage"];
  const ids = m["identifiers"];
  return (
    optString(m["description"]) &&
    (nullish(license) || licenseItem(license) || (Array.isArray(license) && license.every(licenseItem))) &&
    (nullish(homepage) || typeof homepage === "string" || stringList(homepage)) &&
    (nullish(ids) ||
      (isObj(ids) &&
        optString(ids["cpe"]) &&
        optString(ids["purl"]) &&
        (nullish(ids["purls"]) || stringList(ids["purls"]))))
  );
}

function entry(e: unknown): e is MetaEntry {
  if (!isObj(e)) return false;
  const outputs = e["outputs"];
  if (!nullish(outputs)) {
    if (!isObj(outputs)) return false;
    for (const k in outputs) if (!optStringNotUndefined(outputs[k])) return false;
  }
  return (
    optString(e["name"]) &&
    optString(e["pname"]) &&
    optString(e["version"]) &&
    optString(e["system"]) &&
    optString(e["outputName"]) &&
    metaAttrs(e["meta"])
  );
}

// A record's values are string or null (zod's nullable), never a missing value.
const optStringNotUndefined = (v: unknown): boolean => v === null || typeof v === "string";

/** Whether MetaDocumentSchema would accept `v`, without building its copy. */
export function isMetaDocument(v: unknown): v is Record<string, MetaEntry> {
  if (!isObj(v)) return false;
  for (const k in v) if (!entry(v[k])) return false;
  return true;
}
