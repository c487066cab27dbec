import type { PathInfo } from "../closure/closure.js";
import { toBase16, toNix32 } from "../nix/hash.js";
import { makeStorePath, formatStorePath } from "../nix/store-path.js";
import { sha256, utf8 } from "../nix/sha256.js";

/**
 * What a Nix signature signs (ValidPathInfo::fingerprint): `1;<path>;sha256:<nix32 narHash>;<narSize>;<references>`,
 * the references full store paths, sorted, comma-separated. Undefined without a narSize, which Nix
 * refuses to fingerprint too.
 */
export function pathFingerprint(info: PathInfo): string | undefined {
  if (info.narSize === undefined || info.narHash.algo !== "sha256") return undefined;
  const refs = [...info.references].sort();
  return `1;${info.path};sha256:${toNix32(info.narHash.bytes)};${info.narSize};${refs.join(",")}`;
}

/**
 * Whether the path's `ca` field really yields its store path (ValidPathInfo::isContentAddressed):
 * Nix trusts such a path without signatures because its name is a function of its content.
 */
export function contentAddressMatches(info: PathInfo, storeDir: string): boolean {
  const ca = info.ca;
  if (ca === undefined) return false;
  const slash = info.path.lastIndexOf("/");
  const name = info.path.slice(slash + 34);
  const self = info.path;
  const others = info.references.filter((r) => r !== self).sort();
  const hasSelf = others.length !== info.references.length;
  let expected: string;
  if (ca.method === "text") {
    if (hasSelf) return false;
    expected = formatStorePath(makeStorePath(["text", ...others].join(":"), ca.hash, name, storeDir));
  } else if (ca.method === "nar" && ca.hash.algo === "sha256") {
    const type = ["source", ...others, ...(hasSelf ? ["self"] : [])].join(":");
    expected = formatStorePath(makeStorePath(type, ca.hash, name, storeDir));
  } else if (ca.method === "nar" || ca.method === "flat") {
    if (info.references.length > 0) return false;
    const inner = `fixed:out:${ca.method === "nar" ? "r:" : ""}${ca.hash.algo}:${toBase16(ca.hash.bytes)}:`;
    expected = formatStorePath(
      makeStorePath("output:out", { algo: "sha256", bytes: sha256(utf8(inner)) }, name, storeDir),
    );
  } else return false; // git-hashed objects are newer than anything this check was verified against
  return expected === info.path;
}
