import * as CDX from "@cyclonedx/cyclonedx-library";
import { formatInputPath } from "../../domain/input-path.js";
import type { LockedInput } from "../../domain/inventory.js";
import type { SbomModel } from "../../domain/reports.js";
import { toBase16, toPrefixedNix32 } from "../../domain/hash.js";
import { toFlakeUrl } from "../../domain/flake-ref.js";
import { identify, isoDateTime } from "../../domain/source-identity.js";
import { formatStorePath } from "../../domain/store-path.js";
import { FlakeAuditProperty as FA, HASH_MEANING, NixProperty as NIX } from "./properties.js";
import { purlOf } from "./purl.js";

const { Models, Enums } = CDX;
export const FLAKE_BOM_REF = "flake";
export const inputBomRef = (id: string): string => `input:${id}`;

function addProps(c: CDX.Models.Component, props: ReadonlyArray<readonly [string, string | undefined]>): void {
  for (const [name, value] of props) if (value !== undefined) c.properties.add(new Models.Property(name, value));
}

function inputComponent(input: LockedInput): CDX.Models.Component {
  const s = input.locked;
  const id = identify(s);
  let purl: string | undefined;
  try {
    purl = purlOf(s);
  } catch {
    purl = undefined; // a name packageurl-js rejects: the component stays, without a purl
  }
  const c = new Models.Component(Enums.ComponentType.Library, id.name, {
    bomRef: inputBomRef(input.id),
    ...(id.group !== undefined ? { group: id.group } : {}),
    ...(id.version !== undefined ? { version: id.version } : {}),
    ...(purl !== undefined ? { purl } : {}),
  });
  if (s.narHash !== undefined) c.hashes.set(Enums.HashAlgorithm["SHA-256"], toBase16(s.narHash.bytes));
  if (id.vcsUrl !== undefined) c.externalReferences.add(new Models.ExternalReference(id.vcsUrl, Enums.ExternalReferenceType.VCS));
  if (id.downloadUrl !== undefined) c.externalReferences.add(new Models.ExternalReference(id.downloadUrl, Enums.ExternalReferenceType.Distribution));
  for (const p of input.paths) c.properties.add(new Models.Property(FA.inputPath, formatInputPath(p)));
  addProps(c, [
    [FA.inputType, s.type === "unknown" ? s.declaredType : s.type],
    [NIX.storePath, input.storePath !== undefined ? formatStorePath(input.storePath) : undefined],
    [NIX.narHash, s.narHash !== undefined ? toPrefixedNix32(s.narHash) : undefined],
    [FA.hashMeaning, s.narHash !== undefined ? HASH_MEANING : undefined],
    [FA.storePathNote, input.pinning === "relative" ? "relative path input: shares the store path of its parent input" : undefined],
    [FA.original, input.original !== undefined ? toFlakeUrl(input.original) : undefined],
    [FA.locked, toFlakeUrl(s)],
    [FA.ref, input.original?.ref ?? s.ref],
    [FA.rev, s.rev],
    [FA.lastModified, s.lastModified !== undefined ? isoDateTime(s.lastModified) : undefined],
    [FA.revCount, s.revCount !== undefined ? String(s.revCount) : undefined],
    [FA.flake, input.isFlake ? undefined : "false"],
    [FA.dir, s.dir],
    [FA.pinning, input.pinning],
  ]);
  return c;
}

function toolComponent(model: SbomModel): CDX.Models.Component {
  return new Models.Component(Enums.ComponentType.Application, model.tool.name, { version: model.tool.version });
}

/** SbomModel → CycloneDX object model. Pure: the clock and serial number arrive in the model. */
export function toCycloneDxBom(model: SbomModel): CDX.Models.Bom {
  const bom = new Models.Bom();
  if (model.serialNumber !== undefined) bom.serialNumber = model.serialNumber;
  if (model.timestamp !== undefined) bom.metadata.timestamp = model.timestamp;
  bom.metadata.tools.components.add(toolComponent(model));
  const flake = new Models.Component(Enums.ComponentType.Application, model.flakeName, { bomRef: FLAKE_BOM_REF });
  addProps(flake, [
    [FA.lockVersion, model.lockVersion !== undefined ? String(model.lockVersion) : undefined],
    [FA.lockSha256, model.lockFile?.sha256],
  ]);
  bom.metadata.component = flake;
  if (model.reproducible) bom.metadata.properties.add(new Models.Property(FA.reproducible, "true"));
  const inv = model.inventory;
  if (inv === undefined) return bom;
  const byId = new Map<string, CDX.Models.Component>();
  for (const input of inv.inputs) {
    const c = inputComponent(input);
    byId.set(input.id, c);
    bom.components.add(c);
  }
  for (const input of inv.inputs) {
    const c = byId.get(input.id)!;
    for (const dep of input.dependsOn) c.dependencies.add(byId.get(dep)!.bomRef);
    if (input.dependsOnRoot) c.dependencies.add(flake.bomRef);
    if (inv.truncatedPaths.some((k) => input.nodeKeys.includes(k as never))) c.properties.add(new Models.Property(FA.pathsTruncated, "true"));
  }
  for (const id of inv.rootDependsOn) flake.dependencies.add(byId.get(id)!.bomRef);
  return bom;
}
