import type { InputIssue } from "../../domain/input-issue.js";
import { ok, type Result } from "../../domain/result.js";
import { parseVulnerabilityContact, type Organization, type SbomMetadata } from "../../domain/sbom-metadata.js";
import { parseStructuredDocument, validateDocument } from "../structured-document.js";
import { ConfigSchema, type ConfigFile } from "./config.schema.js";

const NEXT = "fix the configuration file; schemas/config.v1.schema.json gives editors completion and checks";

/** What a configuration file says; every part optional, flags override each. */
export interface Config {
  readonly sbom: Partial<SbomMetadata>;
}

type Org = NonNullable<NonNullable<ConfigFile["sbom"]>["manufacturer"]>;
const organization = (o: Org): Organization => ({
  name: o.name,
  urls: o.url === undefined ? [] : typeof o.url === "string" ? [o.url] : o.url,
});

/** Parses a JSON or YAML configuration file, reporting every problem at once with its line:column. */
export function parseConfig(text: string, origin: string): Result<Config, InputIssue[]> {
  const doc = parseStructuredDocument(text, origin, { what: "configuration file", next: NEXT });
  if (!doc.ok) return doc;
  const parsed = validateDocument(ConfigSchema, doc.value, origin, NEXT);
  if (!parsed.ok) return parsed;
  const s = parsed.value.sbom ?? {};
  const contact = s.vulnerabilityContact !== undefined ? parseVulnerabilityContact(s.vulnerabilityContact) : undefined;
  return ok({
    sbom: {
      ...(s.manufacturer !== undefined ? { manufacturer: organization(s.manufacturer) } : {}),
      ...(s.supplier !== undefined ? { supplier: organization(s.supplier) } : {}),
      ...(contact !== undefined ? { vulnerabilityContact: contact } : {}),
      ...(s.flakeVersion !== undefined ? { flakeVersion: { version: s.flakeVersion, source: "option" } } : {}),
      ...(s.authors !== undefined
        ? { authors: s.authors.map((a) => ({ name: a.name, ...(a.email !== undefined ? { email: a.email } : {}) })) }
        : {}),
      ...(s.lifecycle !== undefined ? { lifecycle: s.lifecycle } : {}),
    },
  });
}
