import type { ComponentView } from "./bom-view.js";
import { escapeUri, propertiesJson, type Json } from "./json-parts.js";
import {
  issueOf,
  sortRefs,
  type AncestorView,
  type HashView,
  type PackageParts,
  type RefView,
} from "./package-parts.js";

/**
 * A package component's JSON, from `type`…`bom-ref` already in `out`: in the CycloneDX library's
 * key order (description, scope, hashes, licenses, cpe, purl, then pedigree where flake-audit puts
 * it for lock inputs too, externalReferences, properties), so json-writer.test.ts can hold the
 * writer to the library's output with pedigree set aside.
 */
export function packageComponentJson(v: ComponentView, p: PackageParts, out: Record<string, Json>): Json {
  if (p.description !== undefined) out["description"] = p.description;
  if (p.scope !== undefined) out["scope"] = p.scope;
  const hashes = p.hashes ?? (v.sha256 !== undefined ? [{ alg: "SHA-256", content: v.sha256 }] : []);
  if (hashes.length > 0) out["hashes"] = hashesJson(hashes);
  if (p.licenses.length > 0)
    out["licenses"] = p.licenses.map((l) => ("expression" in l ? { expression: l.expression } : { license: l }));
  if (p.cpe !== undefined) out["cpe"] = p.cpe;
  if (v.purl !== undefined) out["purl"] = v.purl;
  const pedigree: Record<string, Json> = {};
  if (p.ancestors.length > 0) pedigree["ancestors"] = p.ancestors.map(ancestorJson);
  if (p.patches.length > 0)
    pedigree["patches"] = p.patches.map((x) => {
      const patch: Record<string, Json> = { type: x.type };
      if (x.url !== undefined) patch["diff"] = { url: escapeUri(x.url) };
      if (x.resolves.length > 0) patch["resolves"] = x.resolves.map(issueOf);
      return patch;
    });
  if (Object.keys(pedigree).length > 0) out["pedigree"] = pedigree;
  if (p.refs.length > 0) out["externalReferences"] = refsJson(p.refs);
  if (v.properties.length > 0) out["properties"] = propertiesJson(v.properties);
  return out;
}

const hashesJson = (hs: readonly HashView[]): Json[] =>
  [...hs].sort((a, b) => a.alg.localeCompare(b.alg) || a.content.localeCompare(b.content)).map((h) => ({ ...h }));

function refsJson(refs: readonly RefView[]): Json[] {
  return sortRefs(refs).map((r) => {
    const o: Record<string, Json> = { url: escapeUri(r.url), type: r.type };
    if (r.hashes.length > 0) o["hashes"] = hashesJson(r.hashes);
    return o;
  });
}

function ancestorJson(a: AncestorView): Json {
  const out: Record<string, Json> = { type: a.type, name: a.name };
  if (a.version !== undefined) out["version"] = a.version;
  if (a.hashes.length > 0) out["hashes"] = hashesJson(a.hashes);
  if (a.purl !== undefined) out["purl"] = a.purl;
  if (a.refs.length > 0) out["externalReferences"] = refsJson(a.refs);
  if (a.properties.length > 0) out["properties"] = propertiesJson(a.properties);
  return out;
}
