/**
 * The minimum elements regulators name for an SBOM (EU CRA, BSI TR-03183-2, NTIA): who makes and
 * supplies the flake, where to report a vulnerability, the flake's own version, who wrote the SBOM,
 * and the lifecycle phase it describes. Plain data; render/sbom maps it to CycloneDX fields.
 */

/** CycloneDX 1.5+'s pre-defined lifecycle phases (metadata.lifecycles[].phase). */
export const LIFECYCLE_PHASES = [
  "design",
  "pre-build",
  "build",
  "post-build",
  "operations",
  "discovery",
  "decommission",
] as const;
export type LifecyclePhase = (typeof LIFECYCLE_PHASES)[number];

export interface Organization {
  readonly name: string;
  /** http(s) URLs of the organisation. */
  readonly urls: readonly string[];
}

/** Where to report a vulnerability: an e-mail address or an http(s) URL (a disclosure page, security.txt). */
export type VulnerabilityContact =
  | { readonly kind: "email"; readonly email: string }
  | { readonly kind: "url"; readonly url: string };

export interface Author {
  readonly name: string;
  readonly email?: string;
}

/** Where the flake's version came from, said in `flake-audit:flake_version_source`. */
export type FlakeVersionSource = "option" | "git" | "last-modified";

export interface FlakeVersion {
  readonly version: string;
  readonly source: FlakeVersionSource;
}

export interface SbomMetadata {
  /** The organisation that makes the flake available (CRA's manufacturer). */
  readonly manufacturer?: Organization;
  /** Who supplies it; the manufacturer unless said otherwise. */
  readonly supplier?: Organization;
  readonly vulnerabilityContact?: VulnerabilityContact;
  readonly authors: readonly Author[];
  readonly lifecycle?: LifecyclePhase;
  readonly flakeVersion?: FlakeVersion;
}

// Deliberately plain: one @, no spaces or controls, a dot in the domain. Checked in linear time.
const EMAIL = /^[^\s@<>()[\]\\,;:"\p{Cc}]+@[^\s@<>()[\]\\,;:"\p{Cc}]+\.[^\s@<>()[\]\\,;:"\p{Cc}.]+$/u;

export const isEmail = (s: string): boolean => s.length <= 254 && EMAIL.test(s);

/** An absolute http(s) URL with a host, as CycloneDX's iri-reference fields take it. */
export function isWebUrl(s: string): boolean {
  if (s.length > 2048 || /[\s\p{Cc}]/u.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "" && u.username === "";
  } catch {
    return false;
  }
}

/** `security@example.org`, `mailto:security@example.org` or `https://example.org/security`. */
export function parseVulnerabilityContact(text: string): VulnerabilityContact | undefined {
  const t = text.trim();
  const email = t.toLowerCase().startsWith("mailto:") ? t.slice("mailto:".length) : t;
  if (isEmail(email)) return { kind: "email", email };
  return isWebUrl(t) ? { kind: "url", url: t } : undefined;
}

/** `Jane Doe` or `Jane Doe <jane@example.org>`. */
export function parseAuthor(text: string): Author | undefined {
  const t = text.trim();
  const m = /^([^<>]*?)\s*<([^<>]*)>$/.exec(t);
  if (m === null) return t !== "" && !/[<>\p{Cc}]/u.test(t) ? { name: t } : undefined;
  const [name, email] = [m[1] ?? "", m[2] ?? ""];
  if (name === "" || /\p{Cc}/u.test(name) || !isEmail(email)) return undefined;
  return { name, email };
}

/** A flake version given by a person: one line of visible characters. */
export const isVersionText = (s: string): boolean => s.length > 0 && s.length <= 256 && !/[\s\p{Cc}]/u.test(s);

/** A name (organisation, author): one line without control characters. */
export const isNameText = (s: string): boolean => s.trim() !== "" && s.length <= 512 && !/\p{Cc}/u.test(s);
