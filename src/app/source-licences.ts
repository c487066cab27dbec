import { concludeSourceLicence } from "../domain/licence/conclude.js";
import type { FilesUnknown, LicenceFileFinding, SourceFiles, UpstreamUnknown } from "../domain/licence/evidence.js";
import type { ResolvedEntry } from "../domain/provenance/report.js";
import type { Gap } from "../domain/report.js";
import { identifyLicence, type LicenceCorpus } from "../domain/licence/match.js";
import { copyrightLines } from "../domain/licence/normalise.js";
import type { LockInventory, LockedInput } from "../domain/lock/inventory.js";
import { formatStorePath, sourceStorePath } from "../domain/nix/store-path.js";
import type { SourceStore } from "./licence-ports.js";

/** Store reads in flight at once: each is a few system calls, and a hostile store should not get thousands. */
const CONCURRENCY = 16;

/** The SPDX corpus, loaded by the first source that has a licence file to identify. */
const corpusLoader = (): (() => Promise<LicenceCorpus>) => {
  let corpus: Promise<LicenceCorpus> | undefined;
  return () => (corpus ??= import("../ingest/licence/spdx-texts.js").then((m) => m.spdxCorpus()));
};

async function readOne(
  input: LockedInput,
  store: SourceStore,
  corpus: () => Promise<LicenceCorpus>,
): Promise<SourceFiles> {
  const narHash = input.locked.narHash;
  if (narHash === undefined) return { status: "no-store-path" };
  // The path in this store's directory, computed as Nix does: the inventory's when it is the same directory.
  const known = input.storePath?.storeDir === store.storeDir ? input.storePath : undefined;
  const storePath = formatStorePath(known ?? sourceStorePath(narHash, input.locked.name, store.storeDir));
  const stored = await store.licenceFiles(storePath);
  if (stored.status !== "read") return { ...stored, storePath };
  const files: LicenceFileFinding[] = [];
  for (const f of stored.files) {
    const c = await corpus();
    files.push({ file: f.file, identification: identifyLicence(c, f.text), copyright: copyrightLines(f.text) });
  }
  return { status: "read", storePath, files, skipped: stored.skipped };
}

/**
 * Every locked source's licence files, from a local store: by input id. A source whose store path is
 * not in the store is `not-in-store` (its licence may still come from GitHub with --resolve).
 */
export async function readSourceLicences(
  inventory: LockInventory,
  store: SourceStore,
): Promise<ReadonlyMap<string, SourceFiles>> {
  const corpus = corpusLoader();
  const out = new Map<string, SourceFiles>();
  const inputs = inventory.inputs;
  for (let i = 0; i < inputs.length; i += CONCURRENCY) {
    const batch = inputs.slice(i, i + CONCURRENCY);
    const read = await Promise.all(batch.map((input) => readOne(input, store, corpus)));
    for (const [j, input] of batch.entries()) {
      const files = read[j];
      if (files !== undefined) out.set(input.id, files);
    }
  }
  return out;
}

const FILES_WORDS: Readonly<Record<FilesUnknown, string>> = {
  "store-not-read": "not looked for in a local store",
  "no-store-path": "without a narHash (no store path to read)",
  "not-in-store": "not in the local store",
  unreadable: "unreadable in the local store",
  "no-licence-file": "with no top-level licence file",
  skipped: "whose licence files could not be read safely",
  unidentified: "whose licence files match no SPDX licence text",
};
const UPSTREAM_WORDS: Readonly<Record<UpstreamUnknown, string>> = {
  "not-resolved": "not resolved (--resolve)",
  "not-on-github": "not on GitHub",
  "upstream-failed": "no answer from GitHub (--resolve online, or a cache that has them)",
  "github-none": "for which GitHub detects no licence",
};

/**
 * One gap for every input whose licence nothing answered, with the count per cause and the option
 * that would answer: the store's files (`nix flake archive` puts sources there) or --resolve.
 */
export function unknownLicenceGap(
  inventory: LockInventory,
  sourceLicences: ReadonlyMap<string, SourceFiles> | undefined,
  provenance: ReadonlyMap<string, ResolvedEntry> | undefined,
  store: string | undefined,
): Gap | undefined {
  const files = new Map<FilesUnknown, number>();
  const upstream = new Map<UpstreamUnknown, number>();
  let unknown = 0;
  for (const input of inventory.inputs) {
    const c = concludeSourceLicence(sourceLicences?.get(input.id), provenance?.get(input.id), provenance !== undefined);
    if (c.status === "known") continue;
    unknown++;
    files.set(c.files, (files.get(c.files) ?? 0) + 1);
    upstream.set(c.upstream, (upstream.get(c.upstream) ?? 0) + 1);
  }
  if (unknown === 0) return undefined;
  const parts = [
    ...[...files].map(
      ([k, n]) =>
        `${n} ${FILES_WORDS[k]}${k === "not-in-store" ? `${store !== undefined ? ` ${store}` : ""} (nix flake archive puts them there)` : ""}`,
    ),
    ...[...upstream].map(([k, n]) => `${n} ${UPSTREAM_WORDS[k]}`),
  ];
  const total = inventory.inputs.length;
  return {
    reason: `the licence of ${unknown} of ${total} locked source${total === 1 ? "" : "s"}: ${parts.join(", ")}`,
  };
}
