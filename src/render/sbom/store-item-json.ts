import { formatContentAddress } from "../../domain/nix/content-address.js";
import { parseStoreName } from "../../domain/nix/store-name.js";
import { toBase16, toPrefixedNix32 } from "../../domain/nix/hash.js";
import { PLACEHOLDER_NOTE, type StoreItem } from "./closure-view.js";
import { FlakeAuditProperty as FA, NixProperty as NIX } from "./properties.js";

/**
 * The JSON text of one store path's component, written directly: the generic path (storeItemView,
 * then componentText) allocates and sorts a property list per path, and a closure has 100,000.
 * Properties come out in the order the generic writer sorts them to (by name, then value);
 * test/render/store-item-json.test.ts holds the two byte-equal. Store paths, hashes and numbers
 * need no JSON escaping (store-path.ts keeps paths to a safe alphabet); signatures and names do.
 */
const q = (s: string): string => JSON.stringify(s);
const P = "      ";
// Each property opens with a separator from the one before; the first drops its leading ",".
const prop = (name: string, value: string): string =>
  `,\n${P}  {\n${P}    "name": "${name}",\n${P}    "value": ${value}\n${P}  }`;

export function storeItemText({ path, info }: StoreItem): string {
  const parsed = parseStoreName(path.slice(path.lastIndexOf("/") + 34));
  let t = `    {\n${P}"type": "${parsed.isDerivation ? "file" : "library"}",\n${P}"name": ${q(parsed.pname)}`;
  if (parsed.version !== undefined) t += `,\n${P}"version": ${q(parsed.version)}`;
  t += `,\n${P}"bom-ref": "${path}"`;
  const narHash = info?.narHash;
  if (narHash !== undefined && narHash.algo === "sha256")
    t += `,\n${P}"hashes": [\n${P}  {\n${P}    "alg": "SHA-256",\n${P}    "content": "${toBase16(narHash.bytes)}"\n${P}  }\n${P}]`;
  // Sorted by property name: flake-audit:output < flake-audit:placeholder < nix:narinfo:ca < …:deriver
  // < …:nar_hash < …:nar_size < …:references < …:sig < nix:store_path.
  let props = "";
  if (parsed.output !== undefined) props += prop(FA.output, q(parsed.output));
  if (info === undefined) props += prop(FA.placeholder, q(PLACEHOLDER_NOTE));
  else {
    if (info.ca !== undefined) props += prop(NIX.ca, `"${formatContentAddress(info.ca)}"`);
    if (info.deriver !== undefined) props += prop(NIX.deriver, `"${info.deriver}"`);
    props += prop(NIX.narHash, `"${toPrefixedNix32(info.narHash)}"`);
    if (info.narSize !== undefined) props += prop(NIX.narSize, `"${info.narSize}"`);
    if (info.references.length > 0) props += prop(NIX.references, `"${info.references.join(" ")}"`);
    const sigs = info.signatures.map((s) => `${s.keyName}:${s.sig}`);
    if (sigs.length > 1) sigs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const s of sigs) props += prop(NIX.sig, q(s));
  }
  props += prop(NIX.storePath, `"${path}"`);
  return `${t},\n${P}"properties": [\n${props.slice(2)}\n${P}]\n    }`;
}
