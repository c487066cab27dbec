import { z } from "zod";
import {
  isEmail,
  isNameText,
  isVersionText,
  isWebUrl,
  LIFECYCLE_PHASES,
  parseVulnerabilityContact,
} from "../../domain/sbom-metadata.js";

const Name = z.string().refine(isNameText, { message: "expected a name on one line" });
const WebUrl = z.string().refine(isWebUrl, { message: "expected an http(s) URL such as https://example.org" });
const Urls = z.union([WebUrl, z.array(WebUrl)]);
const Organization = z
  .strictObject({ name: Name, url: Urls.optional().describe("the organisation's web site (one URL or a list)") })
  .describe("an organisation: name and web site");

/** The `sbom:` section: the minimum elements an SBOM names about the flake and its makers. */
const SbomSection = z
  .strictObject({
    manufacturer: Organization.optional().describe("who makes the flake available (CRA manufacturer)"),
    supplier: Organization.optional().describe("who supplies it (default: the manufacturer)"),
    vulnerabilityContact: z
      .string()
      .refine((s) => parseVulnerabilityContact(s) !== undefined, {
        message: "expected an e-mail address or an http(s) URL",
      })
      .optional()
      .describe("where to report a vulnerability: an e-mail address or an http(s) URL"),
    flakeVersion: z
      .string()
      .refine(isVersionText, { message: "expected a version without spaces" })
      .optional()
      .describe(
        "the flake's own version (default: git describe of the lock's repository, else its newest lastModified date)",
      ),
    authors: z
      .array(
        z.strictObject({
          name: Name,
          email: z.string().refine(isEmail, { message: "expected an e-mail address" }).optional(),
        }),
      )
      .optional()
      .describe("the people who wrote the SBOM"),
    lifecycle: z.enum(LIFECYCLE_PHASES).optional().describe("CycloneDX lifecycle phase (1.5+)"),
  })
  .describe("sbom: the minimum elements (CRA, BSI TR-03183-2, NTIA)");

/** A flake-audit configuration file (`--config FILE`), JSON or YAML. */
export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1).optional(),
    sbom: SbomSection.optional(),
  })
  .describe("flake-audit configuration (version 1)");

export type ConfigFile = z.infer<typeof ConfigSchema>;
