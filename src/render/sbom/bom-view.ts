import { formatInputPath } from "../../domain/lock/input-path.js";
import type { LockedInput } from "../../domain/lock/inventory.js";
import type { SbomModel } from "../../domain/sbom-model.js";
import { toBase16, toPrefixedNix32 } from "../../domain/nix/hash.js";
import { toFlakeUrl } from "../../domain/lock/flake-url.js";
import { nameSource, type SourceIdentity } from "../../domain/lock/source-name.js";
import { isoDateTime } from "../../domain/time.js";
import { formatStorePath } from "../../domain/nix/store-path.js";
import { FlakeAuditProperty as FA, HASH_MEANING, NixProperty as NIX } from "./properties.js";
import { pathIdentityNote, purlOf } from "./purl.js";
import { upstreamFacts } from "./upstream-view.js";
import type { ResolvedEntry } from "../../domain/provenance/report.js";
import { closureComponents, type ClosureComponents, type StoreItem } from "./closure-view.js";
import { compareStrings } from "../../domain/lock/input-path.js";
import type { ComponentView } from "./component-view.js";

// The component types live in component-view.ts, which the closure and upstream views import without this file.
export type { CommitView, ComponentView } from "./component-view.js";
import { packageHooks } from "./package-view.js";
import { supplierOf } from "../../domain/lock/source-supplier.js";
import { metadataView, type MetadataView } from "./metadata-view.js";
import type { SpecVersion } from "./options.js";
import { licenceFacts, type LicenceFacts } from "./licence-view.js";
import { inputLicence } from "../../domain/licence/conclude.js";
import { gapsByCause } from "../../domain/report-gaps.js";

export interface BomView {
  readonly serialNumber?: string;
  readonly timestamp?: Date;
  readonly tool: { readonly name: string; readonly version: string };
  readonly root: ComponentView;
  readonly metadataProperties: ReadonlyArray<readonly [string, string]>;
  /** The minimum elements (manufacturer, supplier, authors, lifecycle), as this spec version holds them. */
  readonly metadata: MetadataView;
  readonly componentCount: number;
  /** Every component in bom-ref order, made on demand (closures have 100,000): store paths as StoreItems. */
  components(): Iterable<ComponentView | StoreItem>;
}

export const FLAKE_BOM_REF = "flake";
export const inputBomRef = (id: string): string => `input:${id}`;

type Props = Array<readonly [string, string]>;
function push(props: Props, entries: ReadonlyArray<readonly [string, string | undefined]>): void {
  for (const [name, value] of entries) if (value !== undefined) props.push([name, value]);
}

function safePurl(input: LockedInput, id: SourceIdentity): string | undefined {
  try {
    return purlOf(input.locked, id, input.id);
  } catch {
    return undefined; // a name packageurl-js rejects: the component stays, without a purl
  }
}

/** A component under construction: closure facts may still be added to an input's component. */
type Building = ComponentView & { readonly properties: Props; readonly dependsOn: string[] };

function inputView(
  input: LockedInput,
  truncated: ReadonlySet<string>,
  upstream: ResolvedEntry | undefined,
  licence: LicenceFacts,
): Building {
  const s = input.locked;
  const id = nameSource(s, input.original);
  const purl = safePurl(input, id);
  const props: Props = input.paths.map((p) => [FA.inputPath, formatInputPath(p)] as const);
  // One property per fact the input has; written out rather than filtered from a list of
  // candidates, which would allocate a pair per candidate for each of thousands of inputs.
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined) props.push([name, value]);
  };
  add(FA.inputType, s.type === "unknown" ? s.declaredType : s.type);
  if (input.storePath !== undefined) add(NIX.storePath, formatStorePath(input.storePath));
  if (s.narHash !== undefined) {
    add(NIX.narHash, toPrefixedNix32(s.narHash));
    add(FA.hashMeaning, HASH_MEANING);
  }
  if (input.pinning === "relative")
    add(FA.storePathNote, "relative path input: shares the store path of the input it is relative to");
  add(FA.relativeTo, input.relativeTo);
  if (purl !== undefined) add(FA.purlNote, pathIdentityNote(s));
  if (input.original !== undefined) add(FA.original, toFlakeUrl(input.original));
  add(FA.locked, toFlakeUrl(s, { treeFacts: true }));
  add(FA.ref, input.original?.ref ?? s.ref);
  add(FA.rev, s.rev);
  if (s.lastModified !== undefined) add(FA.lastModified, isoDateTime(s.lastModified));
  if (s.revCount !== undefined) add(FA.revCount, String(s.revCount));
  if (input.nonFlakePaths !== undefined) {
    add(FA.flake, "mixed");
    for (const p of input.nonFlakePaths) add(FA.nonFlakeInputPath, formatInputPath(p));
  } else if (!input.isFlake) add(FA.flake, "false");
  add(FA.dir, s.dir);
  add(FA.pinning, input.pinning);
  if (truncated.size > 0 && input.nodeKeys.some((k) => truncated.has(k))) add(FA.pathsTruncated, "true");
  const up = upstreamFacts(upstream);
  props.push(...up.properties, ...licence.properties);
  const refs: Array<{ type: "vcs" | "distribution"; url: string }> = [];
  const vcs = up.vcsUrl ?? id.vcsUrl;
  if (vcs !== undefined) refs.push({ type: "vcs", url: vcs });
  if (id.downloadUrl !== undefined) refs.push({ type: "distribution", url: id.downloadUrl });
  const supplier = supplierOf(s);
  if (supplier.kind === "none") add(FA.supplierStatus, supplier.reason);
  const dependsOn = input.dependsOn.map(inputBomRef);
  if (input.dependsOnRoot) dependsOn.push(FLAKE_BOM_REF);
  // Every field is assigned, optional ones only when present: one object per input, no spread temporaries.
  const view: { -readonly [K in keyof Building]: Building[K] } = {
    type: "library",
    name: id.name,
    bomRef: inputBomRef(input.id),
    externalReferences: refs,
    properties: props,
    dependsOn,
  };
  if (supplier.kind === "forge") view.supplier = supplier.supplier;
  if (id.group !== undefined) view.group = id.group;
  if (id.version !== undefined) view.version = id.version;
  if (purl !== undefined) view.purl = purl;
  if (s.narHash !== undefined) view.sha256 = toBase16(s.narHash.bytes);
  if (licence.ids.length > 0) view.licenses = licence.ids;
  if (licence.names.length > 0) view.licenseNames = licence.names;
  if (licence.copyright !== undefined) view.copyright = licence.copyright;
  if (up.commit !== undefined) view.commits = [up.commit];
  return view;
}

/**
 * SbomModel → BomView for one spec version (metadata fields that version lacks become properties).
 * Pure: the clock and serial number arrive in the model.
 */
export function toBomView(model: SbomModel, spec: SpecVersion = "1.6"): BomView {
  const inv = model.inventory;
  const metadata = metadataView(model.metadata, spec);
  const rootProps: Props = [...metadata.rootProperties];
  push(rootProps, [
    [FA.lockVersion, model.lockVersion !== undefined ? String(model.lockVersion) : undefined],
    [FA.lockSha256, model.lockFile?.sha256],
  ]);
  // Inputs that follow the root flake (`follows = ""`) are the root component, reached by these paths.
  for (const p of inv?.rootPaths ?? []) rootProps.push([FA.inputPath, formatInputPath(p)]);
  const truncated = new Set(inv?.truncatedPaths ?? []);
  const rootDeps = (inv?.rootDependsOn ?? []).map(inputBomRef);
  // Components are listed in bom-ref order; every input's is "input:" + its id.
  const inputs = [...(inv?.inputs ?? [])].sort((a, b) => compareStrings(a.id, b.id));
  const viewOf = (i: LockedInput): Building =>
    inputView(
      i,
      truncated,
      model.provenance?.get(i.id),
      licenceFacts(inputLicence(model, i.id), model.sourceLicences?.get(i.id)),
    );
  const metadataProperties: Props = model.reproducible ? [[FA.reproducible, "true"]] : [];
  if (model.licenceStore !== undefined) metadataProperties.push([FA.licenceStore, model.licenceStore]);
  for (const g of gapsByCause(model.gaps)) metadataProperties.push([FA.gap, g.reason]);
  let store: ClosureComponents | undefined;
  // Input views are made as the writer asks for them, so that each is garbage once written; only
  // those a closure's store path joins are made up front, for the closure's facts to be added.
  const early = new Map<LockedInput, Building>();
  if (model.closure !== undefined) {
    const merged = new Map<string, Building>();
    for (const input of inputs)
      if (input.storePath !== undefined) {
        const view = viewOf(input);
        early.set(input, view);
        merged.set(formatStorePath(input.storePath), view);
      }
    store = closureComponents(model.closure.data, merged, model.closure.roots, packageHooks(model.packages));
    rootDeps.push(...store.rootRefs);
    metadataProperties.push([FA.closureSource, model.closure.origin]);
  }
  for (const p of model.properties ?? []) metadataProperties.push(p);
  metadataProperties.push(...metadata.metadataProperties);
  // Store paths ("/nix/store/…") sort before input bom-refs ("input:…"), so the two lists concatenate in order.
  const closure = store;
  return {
    ...(model.serialNumber !== undefined ? { serialNumber: model.serialNumber } : {}),
    ...(model.timestamp !== undefined ? { timestamp: model.timestamp } : {}),
    tool: model.tool,
    root: {
      type: "application",
      name: model.flakeName,
      ...(metadata.version !== undefined ? { version: metadata.version } : {}),
      bomRef: FLAKE_BOM_REF,
      externalReferences:
        metadata.securityContact !== undefined ? [{ type: "security-contact", url: metadata.securityContact }] : [],
      properties: rootProps,
      dependsOn: rootDeps,
    },
    metadataProperties,
    metadata,
    componentCount: inputs.length + (closure?.count ?? 0),
    *components() {
      if (closure !== undefined) yield* closure.items();
      for (const input of inputs) yield early.get(input) ?? viewOf(input);
    },
  };
}
