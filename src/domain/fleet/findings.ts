import type { Severity } from "../findings.js";
import { compareStrings } from "../lock/input-path.js";

/**
 * What `fleet` can find about a host, each kind with its own data. Severities are defaults; the
 * table below says why each matters and what to do.
 */
export type FleetFinding =
  | {
      readonly kind: "drift";
      readonly host: string;
      readonly expected: string;
      readonly actual: string;
      /** Packages that differ, when the approved closure could be read. */
      readonly changedPackages?: number;
    }
  | {
      readonly kind: "stale-nixpkgs";
      readonly host: string;
      readonly approvedRev?: string;
      /** The nixpkgs revision the host runs, when a known lock identifies it. */
      readonly runningRev?: string;
      readonly runningLastModified?: string;
    }
  | {
      readonly kind: "untrusted-paths";
      readonly host: string;
      readonly count: number;
      readonly examples: readonly string[];
    }
  | {
      readonly kind: "unsigned-paths";
      readonly host: string;
      readonly count: number;
      readonly examples: readonly string[];
    }
  | {
      readonly kind: "invalid-signature";
      readonly host: string;
      readonly count: number;
      readonly examples: readonly string[];
    }
  | { readonly kind: "host-unreachable"; readonly host: string; readonly reason: string };

export type FleetFindingKind = FleetFinding["kind"];

export const FLEET_FINDINGS = {
  drift: {
    severity: "high",
    why: "The host does not run the system approved for it, so it runs something nobody tested or reviewed as deployed.",
    fix: "Deploy the approved system to the host (or approve what it runs after review), then run fleet again.",
  },
  "stale-nixpkgs": {
    severity: "medium",
    why: "The host runs a system built from an older nixpkgs than the approved lock pins, so it misses the fixes published since.",
    fix: "Rebuild and deploy the host from the approved flake.lock.",
  },
  "untrusted-paths": {
    severity: "medium",
    why: "Paths carry signatures only from keys that are not trusted: nobody you trust vouches for what was built.",
    fix: "Sign the paths with a trusted key (nix store sign), copy them from a trusted cache, or add the key to trustedKeys after review.",
  },
  "unsigned-paths": {
    severity: "low",
    why: "Paths without any signature were built on the host or copied without signatures; nothing shows where they came from.",
    fix: "Build on a trusted builder and sign (nix store sign), or accept locally built paths knowingly.",
  },
  "invalid-signature": {
    severity: "high",
    why: "A signature names a trusted key but does not match the path's contents: the path was altered after signing, or the signature forged.",
    fix: "Treat the host as compromised until explained: compare the path with the cache (nix store verify) and repair it.",
  },
  "host-unreachable": {
    severity: "info",
    why: "The host could not be read, so the report says nothing about it (the run is incomplete: exit 4).",
    fix: "Check the store URI, ssh access (NIX_SSHOPTS) or report file, then run fleet again.",
  },
} as const satisfies Record<FleetFindingKind, { severity: Severity; why: string; fix: string }>;

export const severityOf = (f: FleetFinding): Severity => FLEET_FINDINGS[f.kind].severity;

const paths = (n: number): string => `${n} path${n === 1 ? "" : "s"}`;

/** One line about the finding, for text and Markdown. */
export function describeFinding(f: FleetFinding): string {
  switch (f.kind) {
    case "drift":
      return `runs ${f.actual}, approved is ${f.expected}${f.changedPackages !== undefined ? ` (${f.changedPackages} package${f.changedPackages === 1 ? "" : "s"} differ${f.changedPackages === 1 ? "s" : ""})` : ""}`;
    case "stale-nixpkgs":
      return `runs nixpkgs ${f.runningRev ?? "(an unknown revision)"}${f.runningLastModified !== undefined ? ` of ${f.runningLastModified}` : ""}; the approved lock pins ${f.approvedRev ?? "another"}`;
    case "untrusted-paths":
      return `${paths(f.count)} signed only by untrusted keys`;
    case "unsigned-paths":
      return `${paths(f.count)} without a signature`;
    case "invalid-signature":
      return `${paths(f.count)} with a signature by a trusted key that does not verify`;
    case "host-unreachable":
      return `could not be read: ${f.reason}`;
  }
}

const KIND_ORDER = Object.keys(FLEET_FINDINGS);
export const compareFleetFindings = (a: FleetFinding, b: FleetFinding): number =>
  compareStrings(a.host, b.host) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
