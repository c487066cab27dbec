import * as Enums from "@cyclonedx/cyclonedx-library/Enums";
import * as Models from "@cyclonedx/cyclonedx-library/Models";
import type { BomView, ComponentView } from "./bom-view.js";
import { storeItemView } from "./closure-view.js";
import { addPackageParts } from "./package-bom.js";
import type { OrganizationView } from "./metadata-view.js";
import type { LifecyclePhase } from "../../domain/sbom-metadata.js";

const TYPES = {
  application: Enums.ComponentType.Application,
  library: Enums.ComponentType.Library,
  file: Enums.ComponentType.File,
} as const;
const REF_TYPES = {
  vcs: Enums.ExternalReferenceType.VCS,
  distribution: Enums.ExternalReferenceType.Distribution,
  "security-contact": Enums.ExternalReferenceType.SecurityContact,
} as const;

const PHASES: Readonly<Record<LifecyclePhase, Enums.LifecyclePhase>> = {
  design: Enums.LifecyclePhase.Design,
  "pre-build": Enums.LifecyclePhase.PreBuild,
  build: Enums.LifecyclePhase.Build,
  "post-build": Enums.LifecyclePhase.PostBuild,
  operations: Enums.LifecyclePhase.Operations,
  discovery: Enums.LifecyclePhase.Discovery,
  decommission: Enums.LifecyclePhase.Decommission,
};

function organization(o: OrganizationView): Models.OrganizationalEntity {
  const entity = new Models.OrganizationalEntity({ name: o.name, url: new Set(o.urls) });
  for (const email of o.emails) entity.contact.add(new Models.OrganizationalContact({ email }));
  return entity;
}

function component(v: ComponentView): Models.Component {
  const c = new Models.Component(TYPES[v.type], v.name, {
    bomRef: v.bomRef,
    ...(v.group !== undefined ? { group: v.group } : {}),
    ...(v.version !== undefined ? { version: v.version } : {}),
    ...(v.purl !== undefined ? { purl: v.purl } : {}),
  });
  if (v.supplier !== undefined) c.supplier = organization({ ...v.supplier, emails: [] });
  if (v.sha256 !== undefined) c.hashes.set(Enums.HashAlgorithm["SHA-256"], v.sha256);
  for (const id of v.licenses ?? []) c.licenses.add(new Models.SpdxLicense(id));
  for (const name of v.licenseNames ?? []) c.licenses.add(new Models.NamedLicense(name));
  if (v.copyright !== undefined) c.copyright = v.copyright;
  // v.commits (pedigree) has no model in the library, so XML carries the commit as properties only.
  for (const r of v.externalReferences)
    c.externalReferences.add(new Models.ExternalReference(r.url, REF_TYPES[r.type]));
  for (const [name, value] of v.properties) c.properties.add(new Models.Property(name, value));
  if (v.package !== undefined) addPackageParts(c, v.package);
  return c;
}

/** BomView → the CycloneDX library's object model, for XML output and as the JSON writer's reference. */
export function toCycloneDxBom(view: BomView): Models.Bom {
  const bom = new Models.Bom();
  if (view.serialNumber !== undefined) bom.serialNumber = view.serialNumber;
  if (view.timestamp !== undefined) bom.metadata.timestamp = view.timestamp;
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, view.tool.name, { version: view.tool.version }),
  );
  const m = view.metadata;
  for (const phase of m.lifecycles) bom.metadata.lifecycles.add(PHASES[phase]);
  for (const a of m.authors) bom.metadata.authors.add(new Models.OrganizationalContact(a));
  if (m.manufacture !== undefined) bom.metadata.manufacture = organization(m.manufacture);
  if (m.supplier !== undefined) bom.metadata.supplier = organization(m.supplier);
  const root = component(view.root);
  bom.metadata.component = root;
  for (const [name, value] of view.metadataProperties) bom.metadata.properties.add(new Models.Property(name, value));
  const byRef = new Map<string, Models.Component>([[view.root.bomRef, root]]);
  const views = [view.root, ...[...view.components()].map((c) => ("kind" in c ? storeItemView(c) : c))];
  for (const v of views.slice(1)) {
    const c = component(v);
    byRef.set(v.bomRef, c);
    bom.components.add(c);
  }
  for (const v of views) {
    const c = byRef.get(v.bomRef);
    for (const dep of v.dependsOn) {
      const target = byRef.get(dep);
      if (c !== undefined && target !== undefined) c.dependencies.add(target.bomRef);
    }
  }
  return bom;
}
