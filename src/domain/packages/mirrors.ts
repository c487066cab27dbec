import type { MirrorTable, SourceUrl } from "./model.js";

const PREFIX = "mirror://";

/**
 * Resolves a URL as nixpkgs' fetchurl builder does (pkgs/build-support/fetchurl/builder.sh): for
 * `mirror://<site>/<file>`, every base URL listed for `<site>` followed by `<file>`, in the file's
 * order. A URL that is not a mirror URL is itself. Without the table, or with a site it does not
 * list, the mirror URL is kept as written and marked unresolved.
 */
export function resolveUrl(url: string, table: MirrorTable | undefined): SourceUrl[] {
  if (!url.startsWith(PREFIX)) return [{ url }];
  const rest = url.slice(PREFIX.length);
  const slash = rest.indexOf("/");
  const site = slash >= 0 ? rest.slice(0, slash) : rest;
  const file = slash >= 0 ? rest.slice(slash + 1) : "";
  const bases = table?.get(site);
  if (bases === undefined || bases.length === 0) return [{ url, unresolved: true }];
  return bases.map((b) => ({ url: `${b}${file}`, mirror: url }));
}
