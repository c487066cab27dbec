import { formatStorePath } from "../nix/store-path.js";
import type { FleetPlan } from "./plan.js";
import type { FleetFinding } from "./findings.js";
import { nixpkgsPins } from "./inputs.js";
import type { HostEntry } from "./report.js";
import type { SignatureAudit } from "./signatures.js";

/** The findings about one host that was read. */
export function hostFindings(h: HostEntry, audit: SignatureAudit, plan: FleetPlan): FleetFinding[] {
  const out: FleetFinding[] = [];
  if (h.approved === false && h.expectedSystem !== undefined && h.system !== undefined)
    out.push({
      kind: "drift",
      host: h.name,
      expected: h.expectedSystem,
      actual: h.system,
      ...(h.drift !== undefined ? { changedPackages: h.drift.packages.length } : {}),
    });
  const stale = staleNixpkgs(h, plan);
  if (stale !== undefined) out.push(stale);
  const examples = (paths: readonly string[]): readonly string[] => paths.slice(0, plan.examples);
  if (audit.invalid.length > 0)
    out.push({
      kind: "invalid-signature",
      host: h.name,
      count: audit.invalid.length,
      examples: examples(audit.invalid),
    });
  if (audit.untrusted.length > 0)
    out.push({
      kind: "untrusted-paths",
      host: h.name,
      count: audit.untrusted.length,
      examples: examples(audit.untrusted),
    });
  if (audit.unsigned.length > 0)
    out.push({
      kind: "unsigned-paths",
      host: h.name,
      count: audit.unsigned.length,
      examples: examples(audit.unsigned),
    });
  return out;
}

/**
 * A host runs an older nixpkgs when its closure holds a nixpkgs source that only an older known lock
 * pins, and not the approved lock's. A host with no known nixpkgs in its closure is not judged.
 */
function staleNixpkgs(h: HostEntry, plan: FleetPlan): FleetFinding | undefined {
  const pins = nixpkgsPins(plan.locks);
  if (pins.approved?.storePath === undefined) return undefined;
  const approvedPath = formatStorePath(pins.approved.storePath);
  const onHost = h.inputs.filter((i) => pins.paths.has(i.storePath));
  if (onHost.length === 0 || onHost.some((i) => i.storePath === approvedPath)) return undefined;
  const running = onHost.find((i) => !i.approved) ?? onHost[0];
  return {
    kind: "stale-nixpkgs",
    host: h.name,
    ...(pins.approved.locked.rev !== undefined ? { approvedRev: pins.approved.locked.rev } : {}),
    ...(running?.rev !== undefined ? { runningRev: running.rev } : {}),
    ...(running?.lastModified !== undefined ? { runningLastModified: running.lastModified } : {}),
  };
}
