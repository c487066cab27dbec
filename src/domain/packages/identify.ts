import type { Closure } from "../closure/closure.js";
import { compareStrings } from "../lock/input-path.js";
import { derivationOf, type DerivationSet, outputNameOf } from "../nix/derivation.js";
import type { LicenseFacts, MetaIndex, MirrorTable, Package, PackageReport, PackageWarning } from "./model.js";
import { listAttr, nameOf, type OriginContext, originOf, fetchedOrigin } from "./origin.js";
import { localPurl } from "./purl.js";
import { storePathProblem } from "../nix/store-path.js";

/** What the join reads: the runtime closure, its derivations, and optionally meta and mirrors files. */
export interface PackageInput {
  readonly closure: Closure;
  readonly derivations: DerivationSet;
  /** Output path → nixpkgs meta (ingest/meta). */
  readonly meta?: MetaIndex;
  /** mirrorsFile store path → its table (ingest/packages/mirror-list); see mirrorFilesOf. */
  readonly mirrors?: ReadonlyMap<string, MirrorTable>;
}

/** Counts one kind of problem, keeping the byte-order smallest example so the warning is deterministic. */
class Tally {
  readonly counts = new Map<string, { count: number; example: string }>();
  add(kind: string, example: string): void {
    const t = this.counts.get(kind);
    if (t === undefined) this.counts.set(kind, { count: 1, example });
    else {
      t.count++;
      if (compareStrings(example, t.example) < 0) t.example = example;
    }
  }
}

function licenseOf(meta: MetaIndex | undefined, path: string): LicenseFacts {
  const m = meta?.get(path);
  if (m === undefined) return { status: "no-meta" };
  return m.licenses !== undefined && m.licenses.length > 0
    ? { status: "declared", licenses: m.licenses }
    : { status: "none" };
}

/**
 * Every runtime closure path whose derivation is known, named and traced to its sources, patches
 * and meta. Linear: one pass over the closure, map lookups into the derivations and meta (each
 * package reads only its own derivation and the fetchers its `src`, `srcs` and `patches` name).
 */
export function identifyPackages(input: PackageInput): PackageReport {
  const { closure, derivations, meta } = input;
  const tally = new Tally();
  const ctx: OriginContext = {
    closure,
    derivations,
    mirrors: input.mirrors ?? new Map(),
    onUnresolved: (reason, url) => tally.add(reason, url),
  };
  // Only store paths of the closure's store name sources: env values are the derivation's to choose
  // (a `src` of "/etc/passwd" or a URL is no store object, and nothing is said about it).
  const isStorePath = (p: string): boolean => storePathProblem(p, closure.storeDir) === undefined;
  const packages: Package[] = [];
  let withMeta = 0;
  let withoutLicense = 0;
  for (const info of closure.list) {
    const path = info.path;
    if (path.endsWith(".drv")) continue;
    const d = derivationOf(derivations, path, info.deriver);
    if (d === undefined) {
      tally.add(info.deriver !== undefined ? "deriver-not-in-derivations" : "no-deriver", path);
      continue;
    }
    const owner = nameOf(d);
    const sources =
      d.fixed.size > 0
        ? [fetchedOrigin(d, path, owner, ctx)]
        : [...listAttr(d.env.get("src")), ...listAttr(d.env.get("srcs"))]
            .filter(isStorePath)
            .map((p) => originOf(p, d, owner, ctx));
    const patches = listAttr(d.env.get("patches"))
      .filter(isStorePath)
      .map((p) => originOf(p, d, owner, ctx));
    const purlSource = sources.find((s) => s.kind === "fetched" && s.purl !== undefined);
    const sourcePurl =
      purlSource?.kind === "fetched"
        ? purlSource.purl
        : sources.some((s) => s.kind === "local")
          ? localPurl(owner.name, owner.version)
          : undefined;
    const m = meta?.get(path);
    if (meta !== undefined && m === undefined) tally.add("no-meta", path);
    const license = licenseOf(meta, path);
    if (m !== undefined) withMeta++;
    if (license.status !== "declared") withoutLicense++;
    packages.push({
      path,
      drvPath: d.path,
      output: outputNameOf(d, path) ?? "out",
      name: owner.name,
      ...(owner.version !== undefined ? { version: owner.version } : {}),
      nameFrom: owner.nameFrom,
      sources,
      patches,
      ...(sourcePurl !== undefined ? { sourcePurl } : {}),
      ...(m !== undefined ? { meta: m } : {}),
      license,
    });
  }
  packages.sort((a, b) => compareStrings(a.path, b.path));
  const warnings = warningsOf(tally, input, withMeta);
  return {
    packages,
    warnings,
    counts: { closurePaths: closure.list.length, packages: packages.length, withMeta, withoutLicense },
  };
}

const ORDER = [
  "no-deriver",
  "deriver-not-in-derivations",
  "no-meta",
  "mirrors-file-missing",
  "unknown-mirror-site",
] as const;

function warningsOf(tally: Tally, input: PackageInput, withMeta: number): PackageWarning[] {
  const out: PackageWarning[] = [];
  const dirs = storeDirsOf(input.derivations.byPath.keys(), input.closure.storeDir);
  for (const [storeDir, count] of dirs) out.push({ kind: "other-store-dir", what: "derivations", storeDir, count });
  if (input.meta !== undefined) {
    for (const [storeDir, count] of storeDirsOf(input.meta.keys(), input.closure.storeDir))
      out.push({ kind: "other-store-dir", what: "meta", storeDir, count });
    if (withMeta === 0 && input.meta.size > 0) out.push({ kind: "meta-matches-nothing", metaPaths: input.meta.size });
  }
  for (const kind of ORDER) {
    const t = tally.counts.get(kind);
    if (t !== undefined) out.push({ kind, count: t.count, example: t.example });
  }
  return out;
}

/** Store directories other than the closure's, with how many paths are in each. */
function storeDirsOf(paths: Iterable<string>, storeDir: string): [string, number][] {
  const other = new Map<string, number>();
  for (const p of paths) {
    if (p.startsWith(storeDir) && p.charCodeAt(storeDir.length) === 47 && p.indexOf("/", storeDir.length + 1) < 0)
      continue;
    const dir = p.slice(0, p.lastIndexOf("/"));
    other.set(dir, (other.get(dir) ?? 0) + 1);
  }
  return [...other].sort(([a], [b]) => compareStrings(a, b));
}

/**
 * The mirrors files the closure's fetchers name (env `mirrorsFile`), sorted: what the caller reads
 * for `mirrors`. Only store paths in the closure's store directory are listed.
 */
export function mirrorFilesOf(closure: Closure, derivations: DerivationSet): string[] {
  const out = new Set<string>();
  const visit = (drvPath: string | undefined) => {
    const d = drvPath !== undefined ? derivations.byPath.get(drvPath) : undefined;
    const f = d?.env.get("mirrorsFile");
    // The caller reads these files: only store paths of the closure's store, never what else a derivation names.
    if (typeof f === "string" && storePathProblem(f, closure.storeDir) === undefined) out.add(f);
  };
  for (const info of closure.list) {
    const d = derivationOf(derivations, info.path, info.deriver);
    if (d === undefined) continue;
    visit(d.path);
    for (const key of ["src", "srcs", "patches"])
      for (const p of listAttr(d.env.get(key))) visit(derivations.byOutput.get(p));
  }
  return [...out].sort(compareStrings);
}
