import { makeFinding } from "../findings.js";
import type { PackageRef } from "../findings/details.js";
import type { License, Package } from "../packages/index.js";
import type { CheckFinding } from "./check-finding.js";
import type { RuleSettings } from "./policy.js";

const refOf = (p: Package): PackageRef => ({
  name: p.name,
  ...(p.version !== undefined ? { version: p.version } : {}),
  output: p.output,
  storePath: p.path,
});

const licenseText = (l: License): string => l.spdxId ?? l.name ?? "?";

/**
 * Whether a licence is allowed: a listed SPDX id or name is; an unfree licence (meta `free = false`)
 * is not unless listed, with or without an allowed list; otherwise, without a list, anything is.
 */
function allowed(l: License, list: readonly string[] | undefined): boolean {
  const listed = list?.some((a) => a === l.spdxId || a === l.name) === true;
  if (listed) return true;
  if (l.free === false) return false;
  return list === undefined;
}

/**
 * Licence findings of a closure's packages: `license-not-allowed` for each licence a package's
 * meta declares that the policy does not allow (a meta list means every entry applies, so each
 * is checked), `missing-license` for a package whose meta declares none. A package without meta is
 * not a finding: its licence is unknown, which the caller reports as a gap. The finding's input is
 * the package's store path, so policy overrides and allowances match it by glob.
 */
export function packageLicenseFindings(
  packages: readonly Package[],
  settings: (input: string) => RuleSettings,
): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const p of packages) {
    const s = settings(p.path);
    if (p.license.status === "none" && s.rules["missing-license"].enabled)
      out.push({
        ...makeFinding("missing-license", p.path, { package: refOf(p) }, s.rules["missing-license"].severity),
        paths: [],
      });
    if (p.license.status !== "declared" || !s.rules["license-not-allowed"].enabled) continue;
    for (const l of p.license.licenses) {
      if (allowed(l, s.allowedLicenses)) continue;
      const details = {
        license: licenseText(l),
        allowed: s.allowedLicenses ?? [],
        package: refOf(p),
        ...(l.free === false ? { unfree: true } : {}),
      };
      out.push({
        ...makeFinding("license-not-allowed", p.path, details, s.rules["license-not-allowed"].severity),
        paths: [],
      });
    }
  }
  return out;
}
