import { formatInputPath } from "../domain/lock/input-path.js";
import { buildInventory } from "../domain/lock/inventory.js";
import { checkedByNarHashOnly } from "../domain/lock/source-ref.js";
import type { Gap, ToolInfo } from "../domain/report.js";
import type { SbomModel } from "../domain/sbom-model.js";
import { closureRoots } from "../domain/closure/closure.js";
import { InternalError } from "./errors.js";
import type { Files, NixStore, ProvenanceSource, Revisions } from "./ports.js";
import { askingEarly, sbomMetadata, type GivenMetadata } from "./sbom-metadata.js";
import { resolveInventory } from "./resolve.js";
import type { ResolveReport } from "../domain/provenance/report.js";
import type { ClosureSource } from "./read-closure.js";
import type { SbomPackagesRequest } from "./closure-packages.js";
import type { PackagesRead } from "./packages.js";

const noNix = (): NixStore => {
  throw new InternalError("no nix adapter was wired");
};
import { readLock } from "./read-lock.js";
import type { SourceStore } from "./licence-ports.js";
import { readSourceLicences, unknownLicenceGap } from "./source-licences.js";
import { gapsByCause } from "../domain/report-gaps.js";
import type { Sha256 } from "../domain/nix/sha256.js";

export interface SbomRequest {
  /** Undefined when only a closure is described. */
  readonly lockPath?: string;
  readonly closure?: ClosureSource;
  /** With a closure: identify its packages (--derivations, --meta, --buildtime). */
  readonly packages?: SbomPackagesRequest;
  readonly name?: string;
  readonly tool: ToolInfo;
  readonly timestamp?: Date;
  readonly serialNumber?: string;
  readonly reproducible: boolean;
  /** The minimum elements given by flags and the configuration file (manufacturer, contact, version …). */
  readonly metadata?: GivenMetadata;
  /** Where the flake's version comes from when none is given (git describe of the lock's repository). */
  readonly revisions?: Revisions;
  /** A faster SHA-256 for the inputs' store paths than the domain's own (node:crypto's). */
  readonly digest?: Sha256;
  /** The local store each locked source's licence files are read from (absent: not read). */
  readonly sourceStore?: SourceStore;
  /** With --resolve: upstream facts for every input. */
  readonly resolve?: {
    readonly source: () => ProvenanceSource | Promise<ProvenanceSource>;
    readonly offline: boolean;
    readonly enterpriseHosts: readonly string[];
  };
}

export interface SbomResult {
  readonly model: SbomModel;
  /** Human warnings for stderr: unlocked or not content-pinned inputs. */
  readonly warnings: readonly string[];
  /** With --resolve, the provenance report (its failed entries make the run incomplete). */
  readonly provenance?: ResolveReport;
  /** With packages: the join's report (counts, warnings), for check and tests. */
  readonly packages?: PackagesRead;
}

const PINNING_WARNING = {
  unlocked: "is not locked (no rev or narHash); its content can change without the lock changing",
  "rev-only": "is locked to a commit but has no narHash, so its content is not pinned",
} as const;

/** flake.lock → SbomModel: every distinct locked source with its input paths and dependency graph. */
export async function buildSbom(req: SbomRequest, files: Files, nix: () => NixStore = noNix): Promise<SbomResult> {
  const revisions = askedEarly(req);
  const lock = req.lockPath !== undefined ? await readLock(files, req.lockPath) : undefined;
  const inventory =
    lock !== undefined ? buildInventory(lock.graph, undefined, { walk: lock.walk, digest: req.digest }) : undefined;
  // The closure readers (and zod, through the meta parser) load only for a closure: a lock's SBOM is
  // most runs, and its start-up is most of its time (docs/architecture.md §7).
  const closure =
    req.closure !== undefined
      ? await (await import("./read-closure.js")).readClosure(req.closure, files, nix)
      : undefined;
  const gaps: Gap[] = [];
  const warnings: string[] = [];
  for (const [path, refs] of closure?.closure.danglingReferences ?? []) {
    warnings.push(
      `${path} references ${refs.length === 1 ? refs[0] : `${refs.length} paths`} not described by the closure data; shown as placeholder component${refs.length === 1 ? "" : "s"}`,
    );
  }
  for (const input of inventory?.inputs ?? []) {
    if (checkedByNarHashOnly(input.locked))
      warnings.push(
        `input '${formatInputPath(input.primaryPath)}' is locked by its narHash alone, without a rev: its content is pinned, the commit it came from is not`,
      );
    if (input.pinning === "unlocked" || input.pinning === "rev-only") {
      const text = `input '${formatInputPath(input.primaryPath)}' ${PINNING_WARNING[input.pinning]}`;
      warnings.push(text);
      gaps.push({ input: input.id, reason: text });
    }
  }
  const provenance =
    req.resolve !== undefined && inventory !== undefined
      ? await resolveInventory(inventory, await req.resolve.source(), {
          tool: req.tool,
          offline: req.resolve.offline,
          enterpriseHosts: req.resolve.enterpriseHosts,
        })
      : undefined;
  for (const g of provenance?.gaps ?? []) gaps.push(g);
  // What --resolve could not learn, once per cause (an empty cache with --offline is one line, not silence).
  for (const g of gapsByCause(provenance?.gaps ?? [])) warnings.push(`could not learn: ${g.reason}`);
  const sourceLicences =
    req.sourceStore !== undefined && inventory !== undefined
      ? await readSourceLicences(inventory, req.sourceStore)
      : undefined;
  const provenanceById = provenance !== undefined ? new Map(provenance.inputs.map((e) => [e.input, e])) : undefined;
  const licenceGap =
    inventory !== undefined
      ? unknownLicenceGap(inventory, sourceLicences, provenanceById, req.sourceStore?.label)
      : undefined;
  if (licenceGap !== undefined) {
    gaps.push(licenceGap);
    warnings.push(`could not learn: ${licenceGap.reason} (each component's flake-audit:license_status says why)`);
  }
  const packages =
    closure !== undefined && req.closure !== undefined
      ? await (await import("./closure-packages.js")).closurePackages(
          closure.closure,
          req.closure,
          req.packages,
          files,
          nix,
        )
      : undefined;
  for (const w of packages?.warnings ?? []) warnings.push(w);
  for (const g of packages?.gaps ?? []) gaps.push(g);
  const metadata = await sbomMetadata(
    req.metadata,
    {
      ...(req.lockPath !== undefined ? { lockPath: req.lockPath } : {}),
      ...(inventory !== undefined ? { inventory } : {}),
      closure: closure !== undefined,
    },
    revisions,
    { warnings, gaps },
  );
  const model: SbomModel = {
    tool: req.tool,
    flakeName: req.name ?? lock?.file.directoryName ?? closure?.file?.directoryName ?? "flake",
    ...(lock !== undefined
      ? { lockFile: { path: lock.file.displayPath, sha256: lock.file.sha256 }, lockVersion: lock.graph.lockVersion }
      : {}),
    ...(inventory !== undefined ? { inventory } : {}),
    ...(packages?.packages !== undefined ? { packages: packages.packages } : {}),
    ...(provenanceById !== undefined ? { provenance: provenanceById } : {}),
    ...(sourceLicences !== undefined ? { sourceLicences } : {}),
    ...(req.sourceStore !== undefined ? { licenceStore: req.sourceStore.label } : {}),
    ...(closure !== undefined
      ? { closure: { data: closure.closure, roots: closureRoots(closure.closure), origin: closure.origin } }
      : {}),
    ...(req.timestamp !== undefined ? { timestamp: req.timestamp } : {}),
    ...(req.serialNumber !== undefined ? { serialNumber: req.serialNumber } : {}),
    reproducible: req.reproducible,
    metadata,
    gaps,
  };
  return {
    model,
    warnings,
    ...(provenance !== undefined ? { provenance } : {}),
    ...(packages?.read !== undefined ? { packages: packages.read } : {}),
  };
}

/**
 * The flake's version from git, asked as the run starts when it will be needed (no --flake-version):
 * git's processes then run while the lock is read and its licences looked up, not after.
 */
function askedEarly(req: SbomRequest): Revisions | undefined {
  const { revisions, lockPath } = req;
  if (revisions === undefined || lockPath === undefined || req.metadata?.flakeVersion !== undefined) return revisions;
  return askingEarly(revisions, lockPath);
}
