import { createRequire } from "node:module";
import type { Sha256 } from "../domain/nix/sha256.js";

// node:crypto is loaded on first use (~6 ms of a small run): a report that hashes nothing, such as
// a text check, never loads it.
const requireBuiltin = createRequire(import.meta.url);
const crypto = (): typeof import("node:crypto") => requireBuiltin("node:crypto") as typeof import("node:crypto");

/** SHA-256 in hex, of bytes or of a string's UTF-8. */
export const sha256Hex = (data: Buffer | string): string => crypto().createHash("sha256").update(data).digest("hex");

/**
 * node:crypto's SHA-256, for the domain's store-path hashing (makeStorePath's `digest`): the
 * domain's own runs in V8's interpreter in a short run, ~1M instructions a store path against a few
 * thousand here, once node:crypto is loaded (which a lock's SBOM does anyway to hash the lock).
 */
export const nativeSha256: Sha256 = (data) => crypto().createHash("sha256").update(data).digest();
