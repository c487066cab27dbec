import type { Argv } from "yargs";
import { UsageError } from "../../app/errors.js";
import type { GivenMetadata } from "../../app/sbom-metadata.js";
import {
  isNameText,
  isVersionText,
  isWebUrl,
  LIFECYCLE_PHASES,
  parseAuthor,
  parseVulnerabilityContact,
  type LifecyclePhase,
  type Organization,
} from "../../domain/sbom-metadata.js";
import { stripControls } from "../../render/escape.js";

export interface MetadataArgs {
  readonly config?: string | undefined;
  readonly manufacturer?: string | undefined;
  readonly manufacturerUrl?: string | undefined;
  readonly supplier?: string | undefined;
  readonly supplierUrl?: string | undefined;
  readonly vulnerabilityContact?: string | undefined;
  readonly flakeVersion?: string | undefined;
  readonly author?: string | undefined;
  readonly lifecycle?: LifecyclePhase | undefined;
}

/** The minimum elements as flags (each with its FLAKE_AUDIT_* twin), and --config for the file that holds them. */
export function metadataOptions<T>(y: Argv<T>) {
  const text = (describe: string) => ({ type: "string", requiresArg: true, describe }) as const;
  return y
    .option("config", text("configuration file (JSON or YAML) whose sbom: section gives the options below"))
    .option("manufacturer", text("who makes the flake available (CRA manufacturer): metadata.manufacture"))
    .option("manufacturer-url", text("the manufacturer's web site (https://…)"))
    .option("supplier", text("who supplies the flake: metadata.supplier (default: the manufacturer)"))
    .option("supplier-url", text("the supplier's web site (https://…)"))
    .option("vulnerability-contact", text("where to report a vulnerability: an e-mail address or an https URL"))
    .option(
      "flake-version",
      text("the flake's version (default: git describe of the lock's repository, else the newest lastModified date)"),
    )
    .option("author", text("who wrote the SBOM: 'NAME' or 'NAME <EMAIL>'"))
    .option("lifecycle", {
      type: "string",
      choices: LIFECYCLE_PHASES,
      describe: "lifecycle phase (CycloneDX 1.5+; default pre-build, post-build with a closure)",
    });
}

const bad = (flag: string, expected: string, found: string): UsageError =>
  new UsageError(`--${flag} must be ${expected}; found '${stripControls(found)}'`);

function name(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && !isNameText(value)) throw bad(flag, "a name on one line", value);
  return value?.trim();
}

function url(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && !isWebUrl(value)) throw bad(flag, "an http(s) URL such as https://example.org", value);
  return value;
}

/** An organisation from its flags over the file's: the flag's name and URL replace the file's. */
function organization(
  flag: string,
  given: { name?: string | undefined; url?: string | undefined },
  file: Organization | undefined,
): Organization | undefined {
  const n = name(flag, given.name) ?? file?.name;
  const u = url(`${flag}-url`, given.url);
  if (n === undefined) {
    if (u !== undefined) throw new UsageError(`--${flag}-url needs --${flag} (or sbom.${flag}.name in --config)`);
    return undefined;
  }
  return { name: n, urls: u !== undefined ? [u] : (file?.urls ?? []) };
}

/** The minimum elements the flags give, each replacing what the configuration file says. */
export function givenMetadata(args: MetadataArgs, file: GivenMetadata): GivenMetadata {
  const manufacturer = organization(
    "manufacturer",
    { name: args.manufacturer, url: args.manufacturerUrl },
    file.manufacturer,
  );
  const supplier = organization("supplier", { name: args.supplier, url: args.supplierUrl }, file.supplier);
  const contact =
    args.vulnerabilityContact !== undefined ? parseVulnerabilityContact(args.vulnerabilityContact) : undefined;
  if (args.vulnerabilityContact !== undefined && contact === undefined)
    throw bad("vulnerability-contact", "an e-mail address or an http(s) URL", args.vulnerabilityContact);
  if (args.flakeVersion !== undefined && !isVersionText(args.flakeVersion))
    throw bad("flake-version", "a version without spaces", args.flakeVersion);
  const author = args.author !== undefined ? parseAuthor(args.author) : undefined;
  if (args.author !== undefined && author === undefined) throw bad("author", "'NAME' or 'NAME <EMAIL>'", args.author);
  const vulnerabilityContact = contact ?? file.vulnerabilityContact;
  const lifecycle = args.lifecycle ?? file.lifecycle;
  return {
    ...(manufacturer !== undefined ? { manufacturer } : {}),
    ...(supplier !== undefined ? { supplier } : {}),
    ...(vulnerabilityContact !== undefined ? { vulnerabilityContact } : {}),
    ...(args.flakeVersion !== undefined
      ? { flakeVersion: { version: args.flakeVersion, source: "option" as const } }
      : file.flakeVersion !== undefined
        ? { flakeVersion: file.flakeVersion }
        : {}),
    ...(author !== undefined ? { authors: [author] } : file.authors !== undefined ? { authors: file.authors } : {}),
    ...(lifecycle !== undefined ? { lifecycle } : {}),
  };
}
