/**
 * Packages: what each runtime store path of a closure is, where its source came from, how it was
 * patched and under which licence. Pure; the join of a closure, its derivations and nixpkgs meta.
 *
 * API (stable; renderers and use cases import from here):
 *
 * - `identifyPackages({ closure, derivations, meta?, mirrors? }) → PackageReport`
 *   `closure`: ingest/closure/path-info (`nix path-info --json -r`); `derivations`:
 *   ingest/closure/derivation (`nix show-derivation -r` / `nix derivation show -r`, every version);
 *   `meta`: ingest/meta (`nix-env -qa --json --meta --out-path`), an output path → PackageMeta index,
 *   joined by output path only, never by name; `mirrors`: mirrorsFile store path → MirrorTable
 *   (ingest/packages/mirror-list), for the paths `mirrorFilesOf(closure, derivations)` lists.
 *   One `Package` per closure path whose derivation is known (the closure's deriver when the set
 *   has it, else the set's output map), sorted by path: name/version (env pname/version, else the
 *   store name), output, drvPath, `sources` (`src` then `srcs`; a fixed-output path is its own
 *   source) and `patches` as `Origin`s (fetched: URLs with mirrors resolved, git url/rev, hash as
 *   CycloneDX alg/hex with its method, purl parts; local: store path and NAR hash when the closure
 *   has it; built; unknown), `sourcePurl`, `meta`, and `license` (`declared` / `none` / `no-meta`).
 *   Inputs that do not fit (no deriver, deriver not in the set, other store dirs, meta of another
 *   nixpkgs, missing mirrors files) are `warnings` with counts and an example, never exceptions.
 * - `buildTimeSources(input) → Origin[]`: fetches in the derivation set whose outputs are not in the
 *   runtime closure (build-time only; for `--buildtime`), sorted by path.
 * - `sourcePurl`, `registryPurl`, `localPurl` (purl.ts) and `canonicalPurl`: purl components by
 *   the purl spec; render/sbom/purl.ts encodes them (packageurl-js may only be imported there).
 * - `cdxHash`, `sourceHash` (hashes.ts), `resolveUrl` (mirrors.ts), `listAttr`, `nameOf` (origin.ts).
 * - Ingest (the only parsers of these files; `Result<…, InputIssue[]>`, issues located, exit 3 when
 *   thrown as InputError): `parseDerivations(text, origin, storeDir?)` (ingest/closure/derivation.ts),
 *   `parseMeta(text, origin)` (ingest/meta/meta.ts; schemas/nixpkgs-meta.schema.json),
 *   `parseMirrorList(text, origin)` (ingest/packages/mirror-list.ts). The caller reads each path of
 *   `mirrorFilesOf` from the store (regular files only) and passes the parsed tables as `mirrors`.
 * - Which purl a component carries is the renderer's choice; nixpkgs says its purl "shall default to
 *   the mkDerivation.src" (meta.chapter.md, Package URL): `meta.purls` when nixpkgs gives them, else
 *   `sourcePurl` (the upstream source's, e.g. `pkg:github/…`, `pkg:pypi/…`, or `pkg:generic/…`).
 *
 * Decisions (docs/architecture.md, "Packages"):
 * - a `meta.license` list means parts of the package are licensed differently (nixpkgs
 *   doc/stdenv/meta.chapter.md): every entry applies, all-of (SPDX `AND`);
 * - licences without `spdxId` (unfree ones, most often) are kept by name, never given an invented id;
 * - a `checksum` qualifier is only written for flat hashes (the file downloaded); NAR hashes are of
 *   the unpacked tree and stay on the Origin's `hash` with `method: "nar"`.
 */
export type {
  CdxHash,
  License,
  LicenseFacts,
  MetaIndex,
  MirrorTable,
  Origin,
  Package,
  PackageMeta,
  PackageReport,
  PackageWarning,
  PurlParts,
  SourceHash,
  SourceUrl,
} from "./model.js";
export { identifyPackages, mirrorFilesOf, type PackageInput } from "./identify.js";
export { buildTimeSources } from "./buildtime.js";
export { localPurl, registryPurl, sourcePurl, type PurlContext } from "./purl.js";
export { canonicalPurl } from "./purl-canonical.js";
export { cdxHash, sourceHash } from "./hashes.js";
export { resolveUrl } from "./mirrors.js";
export { listAttr, nameOf } from "./origin.js";
