import { buildCorpus, type LicenceCorpus } from "../../domain/licence/match.js";

/**
 * The SPDX License List's licence texts (the spdx-license-list package, `full`: id → name, URL,
 * text), as the corpus licence files are identified by. Imported only when called: the list is 5 MB
 * of text that a run without a licence file to read never needs. The caller keeps the corpus for the
 * run (app/source-licences.ts), and the corpus tokenises each text the first time it is compared.
 */
export async function spdxCorpus(): Promise<LicenceCorpus> {
  const list: Readonly<Record<string, { readonly licenseText: string }>> = (await import("spdx-license-list/full.js"))
    .default;
  return buildCorpus(Object.entries(list).map(([id, entry]) => [id, entry.licenseText] as const));
}
