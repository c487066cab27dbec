import type { ContentAddress } from "../nix/content-address.js";
import { type Hash, type HashAlgo, isHashAlgo, parseHash, toBase16 } from "../nix/hash.js";
import type { DerivationEnv } from "../nix/derivation.js";
import type { CdxHash, SourceHash } from "./model.js";

const CDX_ALG: Readonly<Record<HashAlgo, CdxHash["alg"]>> = {
  md5: "MD5",
  sha1: "SHA-1",
  sha256: "SHA-256",
  sha512: "SHA-512",
};

export const cdxHash = (h: Hash): CdxHash => ({ alg: CDX_ALG[h.algo], content: toBase16(h.bytes) });

const one = (env: DerivationEnv, key: string): string | undefined => {
  const v = env.get(key);
  return typeof v === "string" && v !== "" ? v : undefined;
};

/**
 * A fetcher's hash: the derivation's fixed output (Nix already parsed it, in every version), with
 * `outputHash` as nixpkgs wrote it. Without a fixed output (a hand-made set), the env is read the way
 * Nix reads it: `outputHash` as SRI (`sha256-…`), or nix32/hex/base64 with `outputHashAlgo`, and
 * `outputHashMode` `recursive` (NAR) or `flat` (the default).
 */
export function sourceHash(fixed: ContentAddress | undefined, env: DerivationEnv): SourceHash | undefined {
  const written = one(env, "outputHash");
  if (fixed !== undefined) return { ...cdxHash(fixed.hash), method: fixed.method, ...(written ? { written } : {}) };
  if (written === undefined) return undefined;
  const algo = one(env, "outputHashAlgo");
  const h = parseHash(written, algo !== undefined && isHashAlgo(algo) ? algo : undefined);
  if (!h.ok) return undefined;
  const mode = one(env, "outputHashMode");
  const method =
    mode === "recursive" || mode === "nar" ? "nar" : mode === "text" ? "text" : mode === "git" ? "git" : "flat";
  return { ...cdxHash(h.value), method, written };
}
