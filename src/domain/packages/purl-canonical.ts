import type { PurlParts } from "./model.js";

/**
 * The purl spec's per-type normalisation (package-url/purl-spec types/*-definition.json):
 * github namespace and name are lowercased; pypi names are lowercased with `_` replaced by `-`;
 * cargo and npm names are case-sensitive and kept; qualifiers are sorted by key. Types the spec
 * leaves alone (generic) are kept as given.
 */
export function canonicalPurl(p: PurlParts): PurlParts {
  const type = p.type.toLowerCase();
  let { namespace, name } = p;
  if (type === "github") {
    namespace = namespace?.toLowerCase();
    name = name.toLowerCase();
  } else if (type === "pypi") name = name.toLowerCase().replaceAll("_", "-");
  const qualifiers =
    p.qualifiers !== undefined && p.qualifiers.length > 0
      ? [...p.qualifiers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      : undefined;
  return {
    type,
    ...(namespace !== undefined && namespace !== "" ? { namespace } : {}),
    name,
    ...(p.version !== undefined && p.version !== "" ? { version: p.version } : {}),
    ...(qualifiers !== undefined ? { qualifiers } : {}),
    ...(p.subpath !== undefined && p.subpath !== "" ? { subpath: p.subpath } : {}),
  };
}
