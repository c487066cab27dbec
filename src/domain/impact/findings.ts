import { type Finding, makeFinding } from "../findings.js";
import { compileGlob } from "../policy/glob.js";
import type { ImpactSection } from "./model.js";
import { newest } from "./own-change.js";

/** What a policy says about impact: the licences it allows and the packages it requires. */
export interface ImpactPolicy {
  /** SPDX ids or names; without a list every free licence is allowed (an unfree one never is unless listed). */
  readonly allowedLicenses?: readonly string[];
  /** Package-name globs an installable must keep. */
  readonly requiredPackages?: readonly string[];
}

/**
 * The findings a gate can fail on, per installable (the finding's input): a package downgraded
 * (Nix's version order, always), a licence that becomes not allowed (with meta of both sides; the
 * check rule `license-not-allowed`, as `check` words it for a package), a package removed that the
 * policy requires. Pure data: `--fail-on` decides.
 */
export function impactFindings(section: ImpactSection, policy: ImpactPolicy = {}): Finding[] {
  const out: Finding[] = [];
  const required = (policy.requiredPackages ?? []).map((g) => [g, compileGlob(g)] as const);
  const list = policy.allowedLicenses;
  for (const i of section.installables) {
    if (i.status !== "compared") continue;
    for (const v of i.versionChanges)
      if (v.direction === "downgrade")
        out.push(
          makeFinding("package-downgraded", i.installable, { package: v.name, from: newest(v.from), to: newest(v.to) }),
        );
    for (const l of i.licences ?? []) {
      const had = new Set(l.from);
      const unfree = new Set(l.unfree);
      for (const licence of l.to) {
        // Only what became not allowed: a licence the old side already had was already reviewed.
        if (had.has(licence) || list?.includes(licence) === true) continue;
        if (!unfree.has(licence) && list === undefined) continue;
        out.push(
          makeFinding("license-not-allowed", i.installable, {
            license: licence,
            allowed: list ?? [],
            package: {
              name: l.name,
              ...(l.version !== "" ? { version: l.version } : {}),
              output: l.output,
              storePath: l.path,
            },
            ...(unfree.has(licence) ? { unfree: true } : {}),
          }),
        );
      }
    }
    for (const p of i.removed) {
      const by = required.find(([, matches]) => matches(p.name));
      if (by !== undefined)
        out.push(
          makeFinding("package-removed", i.installable, { package: p.name, versions: p.versions, requiredBy: by[0] }),
        );
    }
  }
  return out;
}
