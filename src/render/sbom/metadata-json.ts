import type { Author } from "../../domain/sbom-metadata.js";
import { escapeUri, type Json } from "./json-parts.js";
import type { OrganizationView } from "./metadata-view.js";

// The CycloneDX library sorts contacts and URLs with localeCompare (its sortLists); the JSON writer
// sorts the same way so that both serialisations say the same.
const byLocale = (a: string, b: string): number => a.localeCompare(b);

/** An organizationalEntity: name, url[], contact[] (e-mail only), in the library's key order. */
export function organizationJson(o: OrganizationView): Json {
  const out: Record<string, Json> = { name: o.name };
  if (o.urls.length > 0) out["url"] = [...new Set(o.urls.map(escapeUri))].sort(byLocale);
  if (o.emails.length > 0) out["contact"] = [...new Set(o.emails)].sort(byLocale).map((email) => ({ email }));
  return out;
}

/** metadata.authors: organizationalContact objects, sorted by name then e-mail. */
export function authorsJson(authors: readonly Author[]): Json[] {
  return [...authors]
    .sort((a, b) => byLocale(a.name, b.name) || byLocale(a.email ?? "", b.email ?? ""))
    .map((a) => (a.email !== undefined ? { name: a.name, email: a.email } : { name: a.name }));
}
