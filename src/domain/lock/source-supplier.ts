import type { Organization } from "../sbom-metadata.js";
import { forgeHost, type SourceRef } from "./source-ref.js";
import { KNOWN_FORGES } from "./source-name.js";
import { nameFromUrl } from "./url-name.js";

/**
 * Who publishes a locked source, when the lock says so: the owner of a forge repository, with the
 * owner's page on that forge. Only what the lock names is used; a plain URL, a path or a registry
 * name says nothing about a publisher, and none is invented (the SBOM says so in a property).
 */
export type SourceSupplier =
  | { readonly kind: "forge"; readonly supplier: Organization }
  | { readonly kind: "none"; readonly reason: string };

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// An owner page is linked only for names a forge could have (GitHub, GitLab groups, sourcehut's ~user)
// on a host name: a lock can say anything, and a link is made only from what validates.
const OWNER = /^~?[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$/;

const forgeOwner = (host: string, owner: string): SourceSupplier => ({
  kind: "forge",
  supplier: {
    name: owner,
    urls:
      OWNER.test(owner) && !/(?:^|\/)\.+(?:\/|$)/.test(owner) && HOST.test(host) ? [`https://${host}/${owner}`] : [],
  },
});

/** The owner of `https://HOST/OWNER…/REPO(.git)` on a known forge, as a git or Mercurial URL names it. */
function ownerOfRepositoryUrl(url: string): SourceSupplier | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#]*@)?([^/:?#]+)(?::\d+)?\/([^?#]*)/i.exec(url);
  const host = (m?.[1] ?? "").toLowerCase();
  if (m === null || !KNOWN_FORGES.has(host)) return undefined;
  const parts = (m[2] ?? "").split("/").filter((p) => p !== "");
  return parts.length >= 2 ? forgeOwner(host, parts.slice(0, -1).map(decode).join("/")) : undefined;
}

const NONE = {
  url: "none: a plain URL names no publisher",
  path: "none: a local path names no publisher",
  indirect: "none: a registry name names no publisher",
  unknown: "none: the lock names no publisher for this input type",
} as const;

export function supplierOf(s: SourceRef): SourceSupplier {
  switch (s.type) {
    case "github":
    case "gitlab":
    case "sourcehut":
      return forgeOwner(forgeHost(s), decode(s.owner));
    case "git":
    case "hg":
      return ownerOfRepositoryUrl(s.url) ?? { kind: "none", reason: NONE.url };
    case "tarball":
    case "file": {
      const named = nameFromUrl(s.url);
      if (named?.github !== undefined) return forgeOwner("github.com", named.github.owner);
      // A FlakeHub release names its publishing organisation; FlakeHub has no organisation page to link.
      if (named?.group !== undefined && /^https:\/\/(?:api\.)?flakehub\.com\//.test(s.url))
        return { kind: "forge", supplier: { name: named.group, urls: [] } };
      return { kind: "none", reason: NONE.url };
    }
    case "path":
      return { kind: "none", reason: NONE.path };
    case "indirect":
      return { kind: "none", reason: NONE.indirect };
    case "unknown":
      return { kind: "none", reason: NONE.unknown };
  }
}
