import { isoDate, isoDateTime } from "../time.js";
import type { FindingDetails, PackageRef } from "./details.js";
import type { RuleId } from "./rules.js";

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

const UNLOCKED: { readonly [W in FindingDetails["unlocked"]["why"]]: string } = {
  "no-rev-or-narhash": "no rev or narHash locks it",
  "rev-without-narhash": "locked to a commit but without a narHash",
  "narhash-without-rev":
    "locked by its narHash alone, without a rev: the content is fixed but not the commit it came from, so it cannot be fetched again (Nix ≥ 2.26 warns it is not reproducible)",
  "local-path": "a local path is mutable, whatever its hash says today",
  "non-flake-without-narhash": "a flake = false input without a narHash",
};

/**
 * The wording of each kind of finding, from its data alone: one line, plain text (renderers escape
 * it for their medium, since the data holds text from the lock and from upstream).
 */
export const MESSAGES: { readonly [R in RuleId]: (d: FindingDetails[R]) => string } = {
  stale: (d) => `last modified ${isoDate(d.lastModified)}, ${d.ageDays} days ago (the policy allows ${d.maxAgeDays})`,
  "unsupported-branch": (d) => `follows '${d.branch}', which is not a supported release or rolling branch`,
  "non-upstream-nixpkgs": (d) => `nixpkgs comes from ${d.owner}/${d.repo}, not NixOS/nixpkgs`,
  "duplicate-sources": (d) =>
    `${d.repository} is locked at ${d.revisions.length} revisions (${d.inputs.join(", ")}); the others could follow '${d.follow}'`,
  unlocked: (d) =>
    d.why === "local-path" ? `a local path (${d.path}) is mutable, whatever its hash says today` : UNLOCKED[d.why],
  "indirect-original": (d) =>
    `the registry name '${d.id}' is locked to ${d.rev.slice(0, 12)}; the next update resolves it through the updating machine's registry`,
  "registry-copy": (d) =>
    `a store copy (${d.path})${d.id !== undefined ? ` of the registry name '${d.id}'` : ""} that cannot be fetched anywhere else`,
  "insecure-transport": (d) => `fetched over ${d.scheme}://`,
  "license-not-allowed": (d) =>
    d.package === undefined
      ? `${d.license} is not on the allowed list (${d.allowed.join(", ")})`
      : `${packageName(d.package)} is licensed ${d.license}${d.unfree === true ? " (unfree)" : ""}, which is not allowed${d.allowed.length > 0 ? ` (allowed: ${d.allowed.join(", ")})` : ""}`,
  "allowlist-expired": (d) => `the allowance for ${d.rule} ("${d.reason}") expired on ${d.expires}`,
  "rev-not-found": (d) =>
    `rev not found upstream: ${d.missing === "repository" ? `repository ${d.repository}` : `commit ${d.rev.slice(0, 12)} in ${d.repository}`} does not exist on ${d.host}`,
  "rev-not-on-ref": (d) =>
    d.status === "ref-not-found"
      ? `the ref '${d.ref}' the flake follows does not exist upstream`
      : `rev ${d.rev.slice(0, 12)} is not on '${d.ref}' (${d.status}): it may come from a fork or have been force-pushed away`,
  "repo-renamed": (d) => `${d.from} is now ${d.to}`,
  "repo-archived": (d) => `${d.repository} is archived`,
  "repo-fork": (d) => `${d.repository} is a fork${d.parent !== undefined ? ` of ${d.parent}` : ""}`,
  "missing-license": (d) =>
    "repository" in d
      ? `${d.repository} has no license GitHub recognises`
      : `${packageName(d.package)} declares no licence in nixpkgs meta`,
  "last-modified-mismatch": (d) =>
    `lock lastModified ${isoDateTime(d.lastModified)} differs from the commit's committer date ${d.committedDate}`,
  "unsigned-commit": (d) =>
    d.state === "unsigned" ? "the locked commit is not signed" : `the commit's signature is not verified (${d.reason})`,
  "source-changed": (d) => `${d.before} → ${d.after}`,
  "narhash-changed": (d) => `rev ${d.rev.slice(0, 12)} now has narHash ${d.after} (was ${d.before})`,
  "pin-lost": () => "the input is no longer locked by content",
  "last-modified-backwards": () => "the new pin is older than the old one",
  "ref-downgrade": (d) => `'${d.from}' → '${d.to}'`,
  "upstream-downgrade": (d) => `the new rev is ${plural(d.behindBy, "commit")} behind the old one`,
  "upstream-diverged": (d) => `history diverged: ${d.aheadBy} new commits, ${d.behindBy} dropped`,
  "package-downgraded": (d) => `${d.package} goes back from ${d.from} to ${d.to}`,
  "package-removed": (d) =>
    `${d.package}${d.versions.some((v) => v !== "") ? ` ${d.versions.join(", ")}` : ""} is no longer built, and the policy requires it ('${d.requiredBy}')`,
};

/** `openssl 3.0.14 (bin)`: a package as findings name it (its store path is the finding's input). */
function packageName(p: PackageRef): string {
  return `${p.name}${p.version !== undefined ? ` ${p.version}` : ""}${p.output !== "out" ? ` (${p.output})` : ""}`;
}
