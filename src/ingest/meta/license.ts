import type { License } from "../../domain/packages/model.js";
import type { LicenseObject, MetaAttrs } from "./meta.schema.js";

const text = (s: string | null | undefined): string | undefined =>
  typeof s === "string" && s.trim() !== "" ? s.trim() : undefined;

/** One licence attribute set: `spdxId` as the SPDX id; the name from `fullName`, else `shortName`. */
function fromObject(o: LicenseObject): License | undefined {
  const spdxId = text(o.spdxId);
  const name = text(o.fullName) ?? text(o.shortName);
  const url = text(o.url);
  if (spdxId === undefined && name === undefined) return undefined;
  return {
    ...(spdxId !== undefined ? { spdxId } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(typeof o.free === "boolean" ? { free: o.free } : {}),
    ...(typeof o.redistributable === "boolean" ? { redistributable: o.redistributable } : {}),
  };
}

/**
 * `meta.license` as nixpkgs allows it (doc/stdenv/meta.chapter.md): an attribute set from
 * lib.licenses, a list of them (parts licensed differently: all apply), or, frowned upon, a string
 * of space-separated shortNames or spdxIds. A string cannot tell an SPDX id from a shortName, so its
 * words are kept as names, never promoted to SPDX ids. Undefined when meta has no `license`; an
 * empty list when it has one with nothing readable in it.
 */
export function licensesOf(meta: MetaAttrs | null | undefined): License[] | undefined {
  const raw = meta?.license;
  if (raw === undefined || raw === null) return undefined;
  const out: License[] = [];
  for (const item of Array.isArray(raw) ? raw : [raw]) {
    if (typeof item === "string") for (const word of item.split(/\s+/)) if (word !== "") out.push({ name: word });
    if (typeof item === "object") {
      const l = fromObject(item);
      if (l !== undefined) out.push(l);
    }
  }
  return out;
}
