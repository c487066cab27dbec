import type { Closure, PathInfo, Signature } from "../closure/closure.js";
import { compareStrings } from "../lock/input-path.js";
import { contentAddressMatches, pathFingerprint } from "./fingerprint.js";
import { splitSignature, type TrustedKey } from "./trusted-key.js";

/**
 * A path's standing, as `nix store verify --sigs-needed 1` would judge it: `trusted` and `contentAddressed`
 * pass, the others fail. `invalid` means a signature names a trusted key but does not verify.
 */
export const PATH_VERDICTS = ["trusted", "untrusted", "unsigned", "invalid", "contentAddressed"] as const;
export type PathVerdict = (typeof PATH_VERDICTS)[number];

/** Ed25519 verification, done by an adapter (node:crypto) so that the domain stays pure. */
export type VerifySignature = (publicKey: Uint8Array, message: string, signature: Uint8Array) => boolean;

export interface SignatureAudit {
  readonly counts: Readonly<Record<PathVerdict, number>>;
  /** The failing paths by verdict, sorted. */
  readonly untrusted: readonly string[];
  readonly unsigned: readonly string[];
  readonly invalid: readonly string[];
  /**
   * Paths carrying a signature that is not `<key name>:<base64 of 64 bytes>`. Nix ignores one whose key
   * is not trusted and fails the path for one whose key is (even beside a good signature): the verdicts
   * above already say so.
   */
  readonly malformed: readonly string[];
}

/** A signature Nix could not even try: no key name, or not the base64 of a 64-byte Ed25519 signature. */
export const isMalformedSignature = (s: Signature): boolean => s.keyName === "" || splitSignature(s) === undefined;

/** The content a signature was checked against: what the fingerprint covers besides the path. */
interface Verified {
  readonly narHash: Uint8Array;
  readonly narSize: number | undefined;
  readonly references: readonly string[];
  readonly valid: boolean;
}

function sameContent(v: Verified, narHash: Uint8Array, info: PathInfo): boolean {
  if (v.narSize !== info.narSize || v.narHash.length !== narHash.length) return false;
  for (let i = 0; i < narHash.length; i++) if (v.narHash[i] !== narHash[i]) return false;
  const refs = info.references;
  if (v.references.length !== refs.length) return false;
  for (let i = 0; i < refs.length; i++) if (v.references[i] !== refs[i]) return false;
  return true;
}

/**
 * Judges paths against the trusted keys. Each (path, signature) is verified once: a later host whose
 * copy of the path has the same NAR hash, size and references reuses the answer; a different copy
 * (a non-reproducible build) is verified on its own.
 */
export function signatureChecker(keys: readonly TrustedKey[], verify: VerifySignature) {
  // Nix keeps the first key of a name (its PublicKeys map is filled with emplace): a later key of the
  // same name verifies nothing.
  const byName = new Map<string, Uint8Array[]>();
  for (const k of keys) if (!byName.has(k.name)) byName.set(k.name, [k.key]);
  const cache = new Map<string, Verified[]>();
  let verifications = 0;
  const valid = (info: PathInfo, keyName: string, sigText: string): boolean => {
    const cacheKey = `${info.path} ${keyName}:${sigText}`;
    const seen = cache.get(cacheKey);
    const narHash = info.narHash.bytes; // decoded on each read: read once
    const hit = seen?.find((v) => sameContent(v, narHash, info));
    if (hit !== undefined) return hit.valid;
    const sig = splitSignature({ keyName, sig: sigText });
    const fingerprint = pathFingerprint(info);
    verifications++;
    const ok =
      sig !== undefined &&
      fingerprint !== undefined &&
      (byName.get(keyName) ?? []).some((key) => verify(key, fingerprint, sig));
    cache.set(cacheKey, [...(seen ?? []), { narHash, narSize: info.narSize, references: info.references, valid: ok }]);
    return ok;
  };
  const verdict = (info: PathInfo, storeDir: string): PathVerdict => {
    if (info.ca !== undefined && contentAddressMatches(info, storeDir)) return "contentAddressed";
    const signatures = info.signatures; // decoded on each read: read once
    if (signatures.length === 0) return "unsigned";
    // Nix counts every signature of a path and throws on one by a trusted key that is not base64 of 64
    // bytes: the path fails even beside a signature that verifies.
    if (signatures.some((s) => byName.has(s.keyName) && splitSignature(s) === undefined)) return "invalid";
    let failed = false;
    for (const s of signatures) {
      if (!byName.has(s.keyName)) continue;
      if (valid(info, s.keyName, s.sig)) return "trusted";
      failed = true;
    }
    return failed ? "invalid" : "untrusted";
  };
  return {
    verdict,
    audit: (closure: Closure): SignatureAudit => auditClosure(closure, verdict),
    /** How many signatures were checked with the key (not answered from the cache). */
    verifications: (): number => verifications,
  };
}

export type SignatureChecker = ReturnType<typeof signatureChecker>;

function auditClosure(closure: Closure, verdict: (info: PathInfo, storeDir: string) => PathVerdict): SignatureAudit {
  const counts: Record<PathVerdict, number> = {
    trusted: 0,
    untrusted: 0,
    unsigned: 0,
    invalid: 0,
    contentAddressed: 0,
  };
  const lists = {
    untrusted: [] as string[],
    unsigned: [] as string[],
    invalid: [] as string[],
    malformed: [] as string[],
  };
  for (const info of closure.list) {
    const v = verdict(info, closure.storeDir);
    counts[v]++;
    if (v === "untrusted" || v === "unsigned" || v === "invalid") lists[v].push(info.path);
    if (info.signatures.some(isMalformedSignature)) lists.malformed.push(info.path);
  }
  for (const l of Object.values(lists)) l.sort(compareStrings);
  return { counts, ...lists };
}
