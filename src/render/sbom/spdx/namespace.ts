import { sha256, utf8 } from "../../../domain/nix/sha256.js";
import { toBase16 } from "../../../domain/nix/hash.js";

/**
 * A document's namespace (SPDX 2.3 `documentNamespace`, the base of SPDX 3 ids): `urn:uuid:…`, a URI
 * with no `#`. Outside --reproducible it is the run's serial number (a random UUID, as CycloneDX's);
 * with --reproducible it is derived from the document's content: the first 16 bytes of the SHA-256
 * of the document written with an all-zero namespace, as an RFC 9562 version 8 UUID. The same
 * input gives the same namespace, a different one another.
 */
export const PLACEHOLDER_NAMESPACE = "urn:uuid:00000000-0000-0000-0000-000000000000";

export function contentNamespace(contentWithPlaceholder: string): string {
  const b = sha256(utf8(contentWithPlaceholder)).slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80; // version 8: custom
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = toBase16(b);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Renders with the run's namespace, or twice under --reproducible: once to hash, once to keep. */
export function withNamespace(serialNumber: string | undefined, render: (namespace: string) => string): string {
  if (serialNumber !== undefined) return render(serialNumber);
  return render(contentNamespace(render(PLACEHOLDER_NAMESPACE)));
}
