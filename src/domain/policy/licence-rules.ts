import { makeFinding } from "../findings.js";
import { concludeSourceLicence } from "../licence/conclude.js";
import type { FilesUnknown, SourceFiles, UpstreamUnknown } from "../licence/evidence.js";
import type { LockInventory } from "../lock/inventory.js";
import type { ResolveReport } from "../provenance/report.js";
import type { Gap } from "../report.js";
import type { CheckRuleFinding } from "./lock-rules.js";
import type { RuleSettings } from "./policy.js";

/** What would let check learn an input's licence, per reason it could not: words for the gap. */
const FILES: Readonly<Record<FilesUnknown, string>> = {
  "store-not-read": "the local store was not read (run without --lock-only)",
  "no-store-path": "no narHash, so no store path to read",
  "not-in-store": "its source is not in the local store (nix flake archive puts it there; --store names another)",
  unreadable: "its store path could not be read",
  "no-licence-file": "its source has no top-level licence file",
  skipped: "its licence files could not be read safely",
  unidentified: "its licence files match no SPDX licence text",
};
const UPSTREAM: Readonly<Record<UpstreamUnknown, string>> = {
  "not-resolved": "not asked of GitHub (run without --lock-only)",
  "not-on-github": "not a GitHub source",
  "upstream-failed": "GitHub did not answer (run online, or with a cache that has it)",
  "github-none": "GitHub detects no licence",
};

/**
 * `allowedLicenses` over every input whose licence is known from any source: GitHub's (declared,
 * with --resolve or check's upstream facts) or the source's own files in the local store. Each
 * licence not in the list is a `license-not-allowed` finding; several files (LICENSE-MIT and
 * LICENSE-APACHE) are each checked, since the files do not say whether they combine with AND or OR.
 * An input whose licence nothing answered is a gap that says why and what would answer, never a pass.
 */
export function licencePolicy(
  inventory: LockInventory,
  provenance: ResolveReport | undefined,
  sourceLicences: ReadonlyMap<string, SourceFiles> | undefined,
  settings: (input: string) => RuleSettings,
): { findings: Map<string, CheckRuleFinding[]>; gaps: Gap[] } {
  const findings = new Map<string, CheckRuleFinding[]>();
  const gaps: Gap[] = [];
  const upstream = new Map((provenance?.inputs ?? []).map((e) => [e.input, e]));
  for (const input of inventory.inputs) {
    const allowed = settings(input.id).allowedLicenses;
    if (allowed === undefined) continue;
    const c = concludeSourceLicence(sourceLicences?.get(input.id), upstream.get(input.id), provenance !== undefined);
    if (c.status === "unknown") {
      gaps.push({
        input: input.id,
        reason: `licence unknown, allowedLicenses not checked: ${FILES[c.files]}; ${UPSTREAM[c.upstream]}`,
      });
      continue;
    }
    const out = c.ids
      .filter((license) => !allowed.includes(license))
      .map((license) => makeFinding("license-not-allowed", input.id, { license, allowed }));
    if (out.length > 0) findings.set(input.id, out);
  }
  return { findings, gaps };
}
