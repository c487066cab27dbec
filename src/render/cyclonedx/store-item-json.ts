import { formatContentAddress } from "../../domain/content-address.js";
import { parseStoreName } from "../../domain/drv-name.js";
import { toBase16, toPrefixedNix32 } from "../../domain/hash.js";
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
const prop = (name: string, value: string): string => `${P}  {\n${P}    "name": "${name}",\n${P}    "value": ${value}\n${P}  }`;

export function storeItemText({ path, info, dependsOn: _ }: StoreItem): string {
  const parsed = parseStoreName(path.slice(path.lastIndexOf("/") + 34));
  const lines = [`${P}"type": "${parsed.isDerivation ? "file" : "library"}"`, `${P}"name": ${q(parsed.pname)}`];
  if (parsed.version !== undefined) lines.push(`${P}"version": ${q(parsed.version)}`);
  lines.push(`${P}"bom-ref": "${path}"`);
  if (info !== undefined && info.narHash.algo === "sha256") lines.push(`${P}"hashes": [\n${P}  {\n${P}    "alg": "SHA-256",\n${P}    "content": "${toBase16(info.narHash.bytes)}"\n${P}  }\n${P}]`);
  // Sorted by property name: flake-audit:output < flake-audit:placeholder < nix:narinfo:ca < …:deriver
  // < …:nar_hash < …:nar_size < …:references < …:sig < nix:store_path.
  const props: string[] = [];
  if (parsed.output !== undefined) props.push(prop(FA.output, q(parsed.output)));
  if (info === undefined) props.push(prop(FA.placeholder, q(PLACEHOLDER_NOTE)));
  else {
    if (info.ca !== undefined) props.push(prop(NIX.ca, `"${formatContentAddress(info.ca)}"`));
    if (info.deriver !== undefined) props.push(prop(NIX.deriver, `"${info.deriver}"`));
    props.push(prop(NIX.narHash, `"${toPrefixedNix32(info.narHash)}"`));
    if (info.narSize !== undefined) props.push(prop(NIX.narSize, `"${info.narSize}"`));
    if (info.references.length > 0) props.push(prop(NIX.references, `"${info.references.join(" ")}"`));
    const sigs = info.signatures.map((s) => `${s.keyName}:${s.sig}`);
    if (sigs.length > 1) sigs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const s of sigs) props.push(prop(NIX.sig, q(s)));
  }
  props.push(prop(NIX.storePath, `"${path}"`));
  lines.push(`${P}"properties": [\n${props.join(",\n")}\n${P}]`);
  return `    {\n${lines.join(",\n")}\n    }`;
}
