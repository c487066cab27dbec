import type { Argv } from "yargs";
import { UsageError } from "../../app/errors.js";
import type { SourceStore } from "../../app/licence-ports.js";
import { storeDirOf, storeUriProblem } from "../../domain/fleet/store-uri.js";
import { DEFAULT_STORE_DIR } from "../../domain/nix/store-path.js";
import { stripControls } from "../../render/escape.js";
import type { Env } from "../io.js";

export interface StoreArgs {
  readonly store?: string | undefined;
}

/** --store: the local store locked sources' licence files are read from (sbom and check). */
export function storeOption<T>(y: Argv<T>) {
  return y.option("store", {
    type: "string",
    requiresArg: true,
    describe:
      "local Nix store to read locked sources' licence files from: local, local?root=DIR, or DIR (default: /nix/store, or NIX_STORE_DIR)",
  });
}

/**
 * Where the store is: its store directory (the `store` parameter, else NIX_STORE_DIR, else
 * /nix/store) and, for a chroot store (`local?root=DIR`, or a bare directory as Nix reads one), the
 * directory it really lives in. Only local stores: the files are read here, not through nix.
 */
export function storeLocation(uri: string | undefined, env: Env): { storeDir: string; root?: string; label: string } {
  const envDir = env["NIX_STORE_DIR"];
  const fallback = envDir?.startsWith("/") ? envDir.replace(/\/+$/, "") : DEFAULT_STORE_DIR;
  if (uri === undefined || uri === "" || uri === "local" || uri === "auto")
    return { storeDir: fallback, label: fallback };
  const asLocal = uri.startsWith("/") ? `local?root=${encodeURIComponent(uri)}` : uri;
  const problem = /^(?:local|auto)(?:\?|$)/.test(asLocal)
    ? storeUriProblem(asLocal)
    : "only a local store is read here";
  if (problem !== undefined)
    throw new UsageError(`--store '${stripControls(uri)}': ${problem}; expected local, local?root=DIR or DIR`);
  const q = asLocal.indexOf("?");
  const params = new URLSearchParams(q < 0 ? "" : asLocal.slice(q + 1));
  const root = params.get("root") ?? undefined;
  const storeDir = params.get("store") !== null ? storeDirOf(asLocal) : fallback;
  return { storeDir, ...(root !== undefined ? { root } : {}), label: uri };
}

/** The adapter over that store, loaded when a lock is described. */
export async function sourceStoreFor(args: StoreArgs, env: Env, timeoutSeconds: number): Promise<SourceStore> {
  const { localSourceStore } = await import("../../adapters/store/licence-files.js");
  return localSourceStore({ ...storeLocation(args.store, env), timeoutMs: timeoutSeconds * 1000 });
}
