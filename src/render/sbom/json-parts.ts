/** Pieces of CycloneDX JSON both the component writer and the package writer print. */

/**
 * What the CycloneDX library does to externalReferences URLs (its escapeUri): space " ' [ ] < > { }
 * percent-encoded, so the URL is a valid iri-reference and JSON and XML say the same.
 */
const URI_ESCAPED = /[ "'[\]<>{}]/;
export const escapeUri = (s: string): string =>
  !URI_ESCAPED.test(s)
    ? s
    : s.replace(/[ "'[\]<>{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byPair = (a: readonly [string, string], b: readonly [string, string]): number =>
  byString(a[0], b[0]) || byString(a[1], b[1]);

// Printed by JSON.stringify only: these shapes are the document's, in the library's key order.
export type Json = string | number | boolean | readonly Json[] | { readonly [key: string]: Json };

export function propertiesJson(props: ReadonlyArray<readonly [string, string]>): Json[] {
  const sorted = props.length > 1 ? [...props].sort(byPair) : props;
  return sorted.map(([name, value]) => ({ name, value }));
}
