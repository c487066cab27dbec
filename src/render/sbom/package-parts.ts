/**
 * The CycloneDX parts a package component has beyond a store path's: plain data both writers
 * (json-writer.ts, xml-pedigree.ts and to-bom.ts) print. Kept apart from bom-view.ts so that the
 * view of a lock input stays as it was.
 */

export interface HashView {
  /** CycloneDX algorithm name: MD5, SHA-1, SHA-256, SHA-512. */
  readonly alg: string;
  readonly content: string;
}

export interface RefView {
  readonly type: "distribution" | "vcs" | "website";
  readonly url: string;
  readonly hashes: readonly HashView[];
}

/** One entry of `licenses`: an SPDX id, a name, or a whole expression (then the only entry). */
export type LicenseView = { readonly id: string } | { readonly name: string } | { readonly expression: string };

/** A pedigree ancestor: the upstream source a package was built from. */
export interface AncestorView {
  readonly type: "library" | "file";
  readonly name: string;
  readonly version?: string;
  readonly hashes: readonly HashView[];
  readonly purl?: string;
  readonly refs: readonly RefView[];
  readonly properties: ReadonlyArray<readonly [string, string]>;
}

export interface PatchView {
  readonly type: "backport" | "unofficial";
  /** A fetched patch's URL; absent for a local patch (its store path is in a property). */
  readonly url?: string;
  /** Advisory ids it resolves (CVE-…). */
  readonly resolves: readonly string[];
}

export interface PackageParts {
  readonly description?: string;
  /** `excluded`: a build-time-only source (--buildtime), not part of what runs. */
  readonly scope?: "excluded";
  readonly licenses: readonly LicenseView[];
  readonly cpe?: string;
  /** Hashes of a build-time source component (the runtime ones keep their NAR hash in ComponentView). */
  readonly hashes?: readonly HashView[];
  /** website (meta.homepage) references; distribution/vcs ones for a build-time source. */
  readonly refs: readonly RefView[];
  readonly ancestors: readonly AncestorView[];
  readonly patches: readonly PatchView[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** References in the one order both writers use: by type, then URL. */
export const sortRefs = <R extends { readonly type: string; readonly url: string }>(refs: readonly R[]): R[] =>
  [...refs].sort((a, b) => byString(a.type, b.type) || byString(a.url, b.url));

/** The advisory a patch resolves, as CycloneDX's `issue`: CVE ids point at the NVD. */
export function issueOf(id: string): {
  readonly type: "security";
  readonly id: string;
  readonly source?: { readonly name: string; readonly url: string };
} {
  return id.startsWith("CVE-")
    ? { type: "security", id, source: { name: "NVD", url: `https://nvd.nist.gov/vuln/detail/${id}` } }
    : { type: "security", id };
}
