import type { Closure } from "../domain/closure/closure.js";
import { compareStrings } from "../domain/lock/input-path.js";
import type { DerivationSet } from "../domain/nix/derivation.js";
import { parseStorePath } from "../domain/nix/store-path.js";
import {
  buildTimeSources,
  identifyPackages,
  type MetaIndex,
  type MirrorTable,
  mirrorFilesOf,
  type PackageReport,
} from "../domain/packages/index.js";
import type { Gap } from "../domain/report.js";
import type { ClosurePackages } from "../domain/sbom-packages.js";
import { parseDerivations } from "../ingest/closure/derivation.js";
import { parseMeta } from "../ingest/meta/meta.js";
import { parseMirrorList } from "../ingest/packages/mirror-list.js";
import { InputError } from "./errors.js";
import type { Files, NixStore } from "./ports.js";
import { packageWarningText } from "./package-warnings.js";

/** Where derivations come from: a file, or the installed nix (for --closure-of). */
export type DerivationsSource = { readonly file: string } | { readonly fromNix: true };

export interface PackagesRequest {
  readonly derivations: DerivationsSource;
  readonly meta?: string;
  readonly buildTime: boolean;
}

export interface PackagesRead {
  readonly packages: ClosurePackages;
  readonly report: PackageReport;
  /** stderr lines: mismatches with counts, and the packages without a licence. */
  readonly warnings: readonly string[];
  readonly gaps: readonly Gap[];
}

async function readDerivationSet(
  source: DerivationsSource,
  closure: Closure,
  files: Files,
  nix: () => NixStore,
): Promise<DerivationSet> {
  let text: string;
  let origin: string;
  if ("file" in source) {
    const read = await files.readText(source.file);
    [text, origin] = [read.text, read.displayPath];
  } else {
    // Every deriver the closure names, checked to be a .drv of the closure's own store: nothing the
    // closure data says reaches nix's command line unless it is such a path (and it goes after `--`).
    const drvs = new Set<string>();
    for (const info of closure.list) {
      const d = info.deriver;
      if (d !== undefined && d.endsWith(".drv") && parseStorePath(d, closure.storeDir).ok) drvs.add(d);
    }
    if (drvs.size === 0) return { byPath: new Map(), byOutput: new Map() };
    const out = await nix().derivationsOf([...drvs].sort(compareStrings));
    [text, origin] = [out.text, out.origin];
  }
  const parsed = parseDerivations(text, origin, closure.storeDir);
  if (!parsed.ok) throw new InputError(parsed.error);
  return parsed.value;
}

/**
 * A mirrors file's table, read from the store when the file is there: its path comes from a
 * derivation, so it is read only when it is a store path of the closure's store. Without the file
 * mirror:// URLs stay as written (a counted warning from domain/packages).
 */
async function mirrorTable(path: string, closure: Closure, files: Files): Promise<MirrorTable | undefined> {
  if (!parseStorePath(path, closure.storeDir).ok || !(await files.exists(path))) return undefined;
  const parsed = parseMirrorList((await files.readText(path)).text, path);
  return parsed.ok ? parsed.value : undefined;
}

/** The closure's packages: derivations (a file or the installed nix), nixpkgs meta, mirrors files. */
export async function readPackages(
  closure: Closure,
  req: PackagesRequest,
  files: Files,
  nix: () => NixStore,
): Promise<PackagesRead> {
  const derivations = await readDerivationSet(req.derivations, closure, files, nix);
  let meta: MetaIndex | undefined;
  if (req.meta !== undefined) {
    const read = await files.readText(req.meta);
    const parsed = parseMeta(read.text, read.displayPath);
    if (!parsed.ok) throw new InputError(parsed.error);
    meta = parsed.value;
  }
  const mirrors = new Map<string, MirrorTable>();
  for (const f of mirrorFilesOf(closure, derivations)) {
    const t = await mirrorTable(f, closure, files);
    if (t !== undefined) mirrors.set(f, t);
  }
  const report = identifyPackages({ closure, derivations, ...(meta !== undefined ? { meta } : {}), mirrors });
  const warnings = report.warnings.map((w) => packageWarningText(w, req.meta !== undefined));
  const { packages: n, withoutLicense } = report.counts;
  const noMeta = report.packages.filter((p) => p.license.status === "no-meta").length;
  if (withoutLicense > 0)
    warnings.push(
      `${withoutLicense} of ${n} package${n === 1 ? "" : "s"} have no licence: ${withoutLicense - noMeta} declare none in nixpkgs meta, ${noMeta} have no meta${req.meta === undefined ? " (pass --meta, from nix-env -qa --json --meta --out-path)" : ""}`,
    );
  return {
    packages: {
      byPath: new Map(report.packages.map((p) => [p.path, p])),
      buildTime: req.buildTime ? buildTimeSources({ closure, derivations, mirrors }) : [],
    },
    report,
    warnings,
    gaps: warnings.map((reason) => ({ reason })),
  };
}
