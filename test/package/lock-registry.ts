import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import semver from "semver";

/** One package version as package-lock.json records it (lockfileVersion 3). */
export interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  bin?: Record<string, string>;
  [field: string]: unknown;
}

// The manifest fields npm's resolver reads from a packument version.
const MANIFEST_FIELDS = [
  "dependencies",
  "optionalDependencies",
  "peerDependencies",
  "peerDependenciesMeta",
  "bin",
  "engines",
  "os",
  "cpu",
  "libc",
  "license",
] as const;

/** Where npm's cache (cacache) keeps a tarball: content-v2/<algorithm>/<hex digest split 2/2/rest>. */
export function cachedTarball(npmCache: string, integrity: string): string {
  const [algorithm = "", base64 = ""] = integrity.split(" ")[0]?.split(/-(.*)/s) ?? [];
  const hex = Buffer.from(base64, "base64").toString("hex");
  return path.join(npmCache, "_cacache", "content-v2", algorithm, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
}

export type LockedVersions = ReadonlyMap<string, ReadonlyMap<string, LockEntry>>;

/** The package versions package-lock.json pins (those `only` keeps), by name then version. */
export function lockedVersions(lockFile: string, only: (e: LockEntry) => boolean): LockedVersions {
  const lock = JSON.parse(readFileSync(lockFile, "utf8")) as { packages: Record<string, LockEntry> };
  const versions = new Map<string, Map<string, LockEntry>>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.includes("node_modules/") || entry.link === true || !only(entry)) continue;
    const name = entry.name ?? key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    if (entry.version === undefined || entry.integrity === undefined) continue;
    const known = versions.get(name) ?? new Map<string, LockEntry>();
    known.set(entry.version, entry);
    versions.set(name, known);
  }
  return versions;
}

/** `name@version` of every pinned version whose tarball is not in the npm cache. */
export function missingTarballs(versions: LockedVersions, npmCache: string): string[] {
  return [...versions.entries()].flatMap(([name, vs]) =>
    [...vs.values()]
      .filter((e) => !existsSync(cachedTarball(npmCache, e.integrity ?? "")))
      .map((e) => `${name}@${e.version}`),
  );
}

export interface LockRegistry {
  readonly url: string;
  /** Every request path npm made. */
  readonly requests: readonly string[];
  stop(): Promise<void>;
}

/**
 * A stand-in npm registry on 127.0.0.1 serving exactly the versions package-lock.json pins, with
 * the tarballs `npm ci` left in the local npm cache. `npm install` of a packed tarball then resolves
 * the package's declared dependencies as it would against registry.npmjs.org, without the network.
 */
export async function startLockRegistry(versions: LockedVersions, npmCache: string): Promise<LockRegistry> {
  const requests: string[] = [];
  let url = "";
  const packument = (name: string, vs: ReadonlyMap<string, LockEntry>) => {
    return {
      name,
      "dist-tags": { latest: [...vs.keys()].sort(semver.compare).at(-1) },
      versions: Object.fromEntries(
        [...vs.entries()].map(([version, e]) => [
          version,
          {
            name,
            version,
            ...Object.fromEntries(MANIFEST_FIELDS.filter((f) => e[f] !== undefined).map((f) => [f, e[f]])),
            dist: { tarball: `${url}/-/tarball/${encodeURIComponent(name)}/${version}.tgz`, integrity: e.integrity },
          },
        ]),
      ),
    };
  };
  const server = createServer((req, res) => {
    const at = decodeURIComponent(req.url ?? "/");
    requests.push(at);
    const tarball = /^\/-\/tarball\/(.+)\/([^/]+)\.tgz$/.exec(at);
    const entry = tarball !== null ? versions.get(tarball[1] ?? "")?.get(tarball[2] ?? "") : undefined;
    if (entry?.integrity !== undefined && existsSync(cachedTarball(npmCache, entry.integrity))) {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(readFileSync(cachedTarball(npmCache, entry.integrity)));
      return;
    }
    const vs = versions.get(at.slice(1));
    if (tarball === null && vs !== undefined) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(packument(at.slice(1), vs)));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "not found" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
