import type { ContentAddress } from "./content-address.js";
import { toBase16 } from "./hash.js";
import { err, ok, type Result } from "../result.js";
import { sha256, utf8 } from "./sha256.js";
import { DEFAULT_STORE_DIR, makeStorePath, type StorePath } from "./store-path.js";

/**
 * The name of a derivation output's store path, as Nix's `outputPathName`: the derivation's name,
 * with `-<output>` appended unless the output is `out` (`openssl` + `dev` → `openssl-dev`).
 */
export const outputPathName = (drvName: string, output: string): string =>
  output === "out" ? drvName : `${drvName}-${output}`;

const INGESTION_PREFIX = { flat: "", nar: "r:", git: "git:" } as const;

/**
 * The store path of a content-addressed object with no references, exactly as Nix's
 * `makeFixedOutputPathFromCA` (libstore store-dir-config.cc; the grammar is the manual's
 * protocols/store-path.md):
 * - `text`: `makeStorePath("text", hash, name)`; Nix asserts SHA-256;
 * - NAR with SHA-256: `makeStorePath("source", hash, name)`;
 * - flat, git, and NAR with another algorithm: `makeStorePath("output:out", sha256(inner), name)`
 *   with inner = `fixed:out:<""|"r:"|"git:"><algo>:<base16>:`; git takes SHA-1 or SHA-256 only.
 * A fixed-output derivation's output path is this for `outputPathName(drvName, output)`.
 */
export function makeFixedOutputPath(
  name: string,
  ca: ContentAddress,
  storeDir = DEFAULT_STORE_DIR,
): Result<StorePath, string> {
  const { method, hash } = ca;
  if (method === "text") {
    if (hash.algo !== "sha256") return err(`a text content address takes a sha256 hash, not ${hash.algo}`);
    return ok(makeStorePath("text", hash, name, storeDir));
  }
  if (method === "git" && hash.algo !== "sha1" && hash.algo !== "sha256")
    return err(`git content addressing takes a sha1 or sha256 hash, not ${hash.algo}`);
  if (method === "nar" && hash.algo === "sha256") return ok(makeStorePath("source", hash, name, storeDir));
  const inner = `fixed:out:${INGESTION_PREFIX[method]}${hash.algo}:${toBase16(hash.bytes)}:`;
  return ok(makeStorePath("output:out", { algo: "sha256", bytes: sha256(utf8(inner)) }, name, storeDir));
}
