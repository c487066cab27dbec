import type { ComponentView } from "../component-view.js";
import type { AncestorView } from "../package-parts.js";
import { FodProperty as FOD, PackageProperty as PKG } from "../package-properties.js";
import { FlakeAuditProperty as FA, NixProperty as NIX } from "../properties.js";

const prop = (props: ReadonlyArray<readonly [string, string]>, name: string): string | undefined =>
  props.find(([n]) => n === name)?.[1];

/** SPDX's VCS form, `git+URL@REV`, for a repository URL (kept as it is when it has a `git+` scheme). */
function vcsLocation(kind: "git" | "hg", url: string, rev: string | undefined): string | undefined {
  if (rev === undefined) return undefined;
  return `${url.startsWith(`${kind}+`) ? url : `${kind}+${url}`}@${rev}`;
}

/**
 * Where the package can be downloaded: the archive URL (a lock's tarball, GitHub's archive of the
 * locked commit, a fetcher's first URL), else the repository at its revision in SPDX's VCS form;
 * undefined (NOASSERTION) when neither is known, as for a store path without package facts.
 */
export function downloadLocation(v: ComponentView): string | undefined {
  const refs = [...v.externalReferences, ...(v.package?.refs ?? []), ...(v.package?.ancestors[0]?.refs ?? [])];
  const dist = refs.find((r) => r.type === "distribution");
  if (dist !== undefined) return dist.url;
  const vcs = refs.find((r) => r.type === "vcs");
  if (vcs === undefined) return undefined;
  const type = prop(v.properties, FA.inputType);
  const ancestorRev = prop(v.package?.ancestors[0]?.properties ?? [], FOD.rev);
  if (type === "hg") return vcsLocation("hg", vcs.url, prop(v.properties, FA.rev));
  if (type === "git" || type === "github" || type === "gitlab" || type === "sourcehut")
    return vcsLocation("git", vcs.url, prop(v.properties, FA.rev));
  return ancestorRev !== undefined ? vcsLocation("git", vcs.url, ancestorRev) : undefined;
}

function describeAncestor(a: AncestorView): string {
  const url = a.refs[0]?.url;
  const hash = a.hashes[0];
  const what = [a.purl ?? a.name, url !== undefined && url !== a.purl ? url : undefined];
  if (hash !== undefined) what.push(`${hash.alg} ${hash.content}`);
  return what.filter((s) => s !== undefined).join(" ");
}

/**
 * SPDX `sourceInfo`: the upstream sources a package was built from (purl, URL, hash) and the
 * patches applied to it, in order (their store paths and hashes, from `flake-audit:patch`).
 */
export function sourceInfo(v: ComponentView): string | undefined {
  const p = v.package;
  if (p === undefined) return undefined;
  const lines = p.ancestors.map((a) => `built from: ${describeAncestor(a)}`);
  const urls = p.patches.map((x) => x.url);
  for (const [i, [, value]] of v.properties.filter(([n]) => n === PKG.patch).entries()) {
    const resolves = p.patches[i]?.resolves ?? [];
    const url = urls[i];
    lines.push(
      `patch ${value}${url !== undefined ? ` from ${url}` : ""}${resolves.length > 0 ? ` (${resolves.join(", ")})` : ""}`,
    );
  }
  return lines.length > 0 ? lines.join("\n") : undefined;
}

/**
 * Everything else the CycloneDX properties say (input paths, store path, NAR hash, signatures …),
 * one `name: value` line each, as SPDX `comment`. References are left out: they are the
 * DEPENDS_ON relationships.
 */
export function commentOf(v: ComponentView, extra?: string): string | undefined {
  const lines = v.properties.filter(([n]) => n !== NIX.references).map(([n, value]) => `${n}: ${value}`);
  if (extra !== undefined) lines.push(extra);
  return lines.length > 0 ? lines.join("\n") : undefined;
}

export const homepageOf = (v: ComponentView): string | undefined =>
  v.package?.refs.find((r) => r.type === "website")?.url;
