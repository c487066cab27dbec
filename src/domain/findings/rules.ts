import type { Severity } from "./severity.js";

/** Every rule: its default severity, why it matters and what to do, as reports print them. */
export const RULES = {
  "rev-not-found": {
    severity: "high",
    why: "The locked commit does not exist upstream (deleted, force-pushed away, or the repository is gone), so nobody can audit what the lock pins.",
    fix: "Run `nix flake update <input>` to pin a commit that exists, and find out where the old one went.",
  },
  "rev-not-on-ref": {
    severity: "high",
    why: "The locked commit is not in the history of the branch or tag the flake follows. GitHub serves commits that exist only in forks through the parent repository, so a commit being retrievable proves nothing about where it came from.",
    fix: "Check where the commit came from; re-lock to a commit on the followed ref with `nix flake update <input>`.",
  },
  "repo-renamed": {
    severity: "low",
    why: "The repository was renamed or transferred; the lock still names the old location, which GitHub redirects today but a new repository could take over.",
    fix: "Point the input at the canonical owner/name in flake.nix and re-lock.",
  },
  "repo-archived": {
    severity: "medium",
    why: "An archived repository receives no fixes, security ones included.",
    fix: "Look for a maintained replacement or a fork you trust.",
  },
  "repo-fork": {
    severity: "medium",
    why: "The input comes from a fork rather than the upstream project, so its changes are not reviewed by upstream.",
    fix: "Prefer the upstream repository, or record why the fork is needed.",
  },
  "last-modified-mismatch": {
    severity: "medium",
    why: "The lock's lastModified differs from the commit's committer date, which a hand-edited or tampered lock would show.",
    fix: "Re-lock with `nix flake lock` and compare the result with the committed lock.",
  },
  "missing-license": {
    severity: "low",
    why: "GitHub detects no license in the repository, so the terms under which it may be used are unclear.",
    fix: "Ask upstream to add a LICENSE file, or record the license you rely on.",
  },
  "unsigned-commit": {
    severity: "info",
    why: "The locked commit carries no verified signature.",
    fix: "Prefer upstreams that sign their commits, if your policy requires it.",
  },
  "source-changed": {
    severity: "high",
    why: "The input now comes from a different place (owner, repository, host, URL or type), not just a newer commit of the same source.",
    fix: "Confirm the new source is intended and trusted before merging.",
  },
  "narhash-changed": {
    severity: "high",
    why: "The content hash changed while the commit stayed the same: the bytes under that commit are not what they were.",
    fix: "Find out why (a re-tagged archive, a Nix version change in hashing, tampering) before trusting the new hash.",
  },
  "pin-lost": {
    severity: "high",
    why: "The input was locked by content before and is not now, so it can change without the lock changing.",
    fix: "Lock the input again (`nix flake lock`) so it carries a rev and narHash.",
  },
  "last-modified-backwards": {
    severity: "medium",
    why: "The new pin is older than the old one: a downgrade, or a lock made from stale state.",
    fix: "Check that moving backwards is intended.",
  },
  "upstream-downgrade": {
    severity: "high",
    why: "The new rev is behind the old one upstream: the update rolls commits back.",
    fix: "Check that the downgrade is intended; otherwise update again.",
  },
  "upstream-diverged": {
    severity: "high",
    why: "The old and new revs have diverged: history was rewritten between them, or the input moved to another branch.",
    fix: "Find out which commits were dropped and why.",
  },
  "ref-downgrade": {
    severity: "medium",
    why: "The branch or tag the input follows moved to an older version.",
    fix: "Check that following the older release is intended.",
  },
  "package-downgraded": {
    severity: "medium",
    why: "A package the installable builds goes back to an older version (Nix's version order): fixes made since are lost.",
    fix: "Check that the downgrade is intended (a pinned older nixpkgs, an override); otherwise update again.",
  },
  "package-removed": {
    severity: "high",
    why: "A package the policy requires (requiredPackages) is no longer in the installable's closure after the update.",
    fix: "Find out why it left the closure (renamed, dropped from nixpkgs, an option default changed) before merging.",
  },
  stale: {
    severity: "medium",
    why: "An old pin misses security fixes that upstream has published since.",
    fix: "Run `nix flake update <input>` (or raise maxAgeDays for this input in the policy, with a reason).",
  },
  "unsupported-branch": {
    severity: "high",
    why: "The nixpkgs branch followed is not a supported release or rolling channel, so it receives no security updates.",
    fix: "Follow a supported release (e.g. nixos-26.05) or a rolling channel (nixos-unstable).",
  },
  "non-upstream-nixpkgs": {
    severity: "medium",
    why: "A nixpkgs that is not NixOS/nixpkgs carries changes nobody upstream reviewed.",
    fix: "Use github:NixOS/nixpkgs, or record why the fork is needed in the policy's allow list.",
  },
  "duplicate-sources": {
    severity: "low",
    why: "The same repository is locked at several revisions: more to audit and build, and inconsistent versions at run time.",
    fix: 'Make the duplicates follow one input, e.g. `inputs.<x>.inputs.nixpkgs.follows = "nixpkgs"`.',
  },
  unlocked: {
    severity: "high",
    why: "An input without a rev or narHash, or a mutable reference (a local path outside the Nix store), can change without the lock changing; one with a narHash but no commit cannot be fetched again.",
    fix: "Lock it (`nix flake lock`) to a commit and content hash.",
  },
  "indirect-original": {
    severity: "medium",
    why: "flake.nix names the input by a registry name (such as `nixpkgs`) rather than a URL: the lock pins a commit today, but the next `nix flake update` resolves the name through whatever registry the updating machine has, so the source can silently change.",
    fix: 'Give the input a URL in flake.nix (e.g. `inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable"`) and re-lock.',
  },
  "registry-copy": {
    severity: "medium",
    why: "The input is locked to a path in the Nix store: a copy made when a registry name (or a path) was resolved on the machine that wrote the lock. Its narHash still fixes the content, but no other machine can fetch it, so the lock cannot be reproduced or audited elsewhere.",
    fix: 'Give the input a fetchable URL in flake.nix (e.g. `inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable"`) and re-lock.',
  },
  "insecure-transport": {
    severity: "high",
    why: "Fetching over plain HTTP or git:// lets anyone on the network path change what is fetched.",
    fix: "Use https:// (or ssh://) URLs.",
  },
  "license-not-allowed": {
    severity: "high",
    why: "The repository's license is not on the policy's allowed list.",
    fix: "Replace the input, or add the license to the policy after review.",
  },
  "allowlist-expired": {
    severity: "medium",
    why: "An accepted finding's allowance has expired, so it is reported again and the allowance should be reviewed.",
    fix: "Fix the finding, or renew the allowance with a new expiry and reason.",
  },
} as const satisfies Record<string, { severity: Severity; why: string; fix: string }>;

export type RuleId = keyof typeof RULES;
