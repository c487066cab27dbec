/**
 * SPDX identifiers made from bom-refs. SPDX 2.3 allows `SPDXRef-[A-Za-z0-9.-]+`; bom-refs carry
 * input ids and store paths from a lock or a store (hostile input), so the mapping must be valid
 * and injective whatever they hold:
 * - a text already made of allowed characters is kept: `SPDXRef-Input-nixpkgs`;
 * - any other text goes under a kind with an `X` (`SPDXRef-InputX-…`): letters, digits and `-` kept,
 *   every other UTF-8 byte written `.` + two hex digits (`/` → `.2F`, `.` → `.2E`).
 * The kinds differ in their first letters after `SPDXRef-`, and `Kind-` never equals `KindX-`, so
 * two different bom-refs never share an id.
 */

const PLAIN = /^[A-Za-z0-9.-]+$/;
const KEPT = /[A-Za-z0-9-]/;
const UTF8 = new TextEncoder();

function escapeBytes(s: string): string {
  let out = "";
  for (const ch of s) {
    if (KEPT.test(ch)) {
      out += ch;
      continue;
    }
    for (const b of UTF8.encode(ch)) out += `.${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** `SPDXRef-<kind>-<text>`, or `SPDXRef-<kind>X-<escaped text>` when the text has other characters. */
export function spdxIdFor(kind: string, text: string): string {
  return PLAIN.test(text) ? `SPDXRef-${kind}-${text}` : `SPDXRef-${kind}X-${escapeBytes(text)}`;
}

export const ROOT_ID = "SPDXRef-Flake";
export const DOCUMENT_ID = "SPDXRef-DOCUMENT";

/**
 * The id of a component by its bom-ref (bom-view.ts): the flake, a lock input (`input:<id>`), a store
 * path (by its base name: one closure is one store directory), anything else by its whole text.
 */
export function packageId(bomRef: string, rootRef: string): string {
  if (bomRef === rootRef) return ROOT_ID;
  if (bomRef.startsWith("input:")) return spdxIdFor("Input", bomRef.slice("input:".length));
  const m = /^\/nix\/store\/([^/]+)$/.exec(bomRef);
  if (m !== null) return spdxIdFor("Store", m[1]!);
  return spdxIdFor("Ref", bomRef);
}

/** An id for a licence expression or a supplier name (SPDX 3.0 elements). */
export const elementId = (kind: "License" | "Supplier", text: string): string => spdxIdFor(kind, text);
