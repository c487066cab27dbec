import type { Author, LifecyclePhase, Organization, SbomMetadata } from "../../domain/sbom-metadata.js";
import type { SpecVersion } from "./options.js";
import { FlakeAuditProperty as FA } from "./properties.js";

/**
 * The minimum elements as CycloneDX places them, for one spec version (cdxgen's cdx-validate reads
 * the same fields: CRA-MIN-001/002 `metadata.supplier`/`manufacture`, SCVS-2.11 `metadata.component.version`):
 * - manufacturer → `metadata.manufacture` (every version; 1.6 deprecates it for
 *   `metadata.component.manufacturer`, which the CycloneDX library cannot write yet);
 * - supplier → `metadata.supplier` (the manufacturer when not given);
 * - vulnerability contact → an e-mail on both organisations' `contact`, and on 1.5+ a
 *   `security-contact` external reference of the flake's component (`mailto:` for an e-mail);
 * - authors → `metadata.authors`; lifecycle → `metadata.lifecycles` (1.5+);
 * - flake version → `metadata.component.version`, its source in `flake-audit:flake_version_source`.
 * 1.4 has neither lifecycles nor security-contact: they become `flake-audit:lifecycle` and
 * `flake-audit:vulnerability_contact` properties instead.
 */
export interface OrganizationView {
  readonly name: string;
  readonly urls: readonly string[];
  readonly emails: readonly string[];
}

export interface MetadataView {
  readonly lifecycles: readonly LifecyclePhase[];
  readonly authors: readonly Author[];
  readonly manufacture?: OrganizationView;
  readonly supplier?: OrganizationView;
  /** For the flake's component. */
  readonly version?: string;
  readonly securityContact?: string;
  readonly rootProperties: ReadonlyArray<readonly [string, string]>;
  readonly metadataProperties: ReadonlyArray<readonly [string, string]>;
}

const org = (o: Organization, emails: readonly string[]): OrganizationView => ({ name: o.name, urls: o.urls, emails });

export function metadataView(m: SbomMetadata | undefined, spec: SpecVersion): MetadataView {
  if (m === undefined) return { lifecycles: [], authors: [], rootProperties: [], metadataProperties: [] };
  const older = spec === "1.4";
  const contact = m.vulnerabilityContact;
  const emails = contact?.kind === "email" ? [contact.email] : [];
  const supplier = m.supplier ?? m.manufacturer;
  const rootProperties: Array<readonly [string, string]> = [];
  const metadataProperties: Array<readonly [string, string]> = [];
  if (m.flakeVersion !== undefined) rootProperties.push([FA.flakeVersionSource, m.flakeVersion.source]);
  const contactText = contact === undefined ? undefined : contact.kind === "email" ? contact.email : contact.url;
  if (older && contactText !== undefined) rootProperties.push([FA.vulnerabilityContact, contactText]);
  if (older && m.lifecycle !== undefined) metadataProperties.push([FA.lifecycle, m.lifecycle]);
  return {
    lifecycles: !older && m.lifecycle !== undefined ? [m.lifecycle] : [],
    authors: m.authors,
    ...(m.manufacturer !== undefined ? { manufacture: org(m.manufacturer, emails) } : {}),
    ...(supplier !== undefined ? { supplier: org(supplier, emails) } : {}),
    ...(m.flakeVersion !== undefined ? { version: m.flakeVersion.version } : {}),
    ...(!older && contact !== undefined
      ? { securityContact: contact.kind === "email" ? `mailto:${contact.email}` : contact.url }
      : {}),
    rootProperties,
    metadataProperties,
  };
}
