import { describe, expect, it } from "vitest";
import { failsOn } from "../../src/cli/commands/fail-on.js";
import {
  atLeast,
  compareFindings,
  type FindingDetails,
  makeFinding,
  RULES,
  type RuleId,
  SEVERITIES,
} from "../../src/domain/findings.js";
import { FindingSchema } from "../../src/render/finding.schema.js";

const REV = "5e2a7d4c0f1b3a6e9d8c7b6a5f4e3d2c1b0a9f8e";

/** One finding of every kind and its wording; typed as a record so a new rule cannot be forgotten here. */
const WORDING: { readonly [R in RuleId]: ReadonlyArray<readonly [FindingDetails[R], string]> } = {
  stale: [
    [
      { lastModified: 1733011200, ageDays: 724, maxAgeDays: 30, threshold: "nixpkgsMaxAgeDays" },
      "last modified 2024-12-01, 724 days ago (the policy allows 30)",
    ],
  ],
  "unsupported-branch": [
    [
      { branch: "nixos-24.05", supported: ["nixos-unstable", "nixos-26.05"] },
      "follows 'nixos-24.05', which is not a supported release or rolling branch",
    ],
  ],
  "non-upstream-nixpkgs": [
    [{ owner: "someone", repo: "nixpkgs" }, "nixpkgs comes from someone/nixpkgs, not NixOS/nixpkgs"],
  ],
  "duplicate-sources": [
    [
      {
        repository: "github.com/nixos/nixpkgs",
        revisions: ["a", "b", "c"],
        inputs: ["hm/nixpkgs", "nixpkgs", "old"],
        follow: "nixpkgs",
      },
      "github.com/nixos/nixpkgs is locked at 3 revisions (hm/nixpkgs, nixpkgs, old); the others could follow 'nixpkgs'",
    ],
  ],
  unlocked: [
    [{ why: "no-rev-or-narhash" }, "no rev or narHash locks it"],
    [{ why: "rev-without-narhash" }, "locked to a commit but without a narHash"],
    [{ why: "local-path", path: "/home/me/x" }, "a local path (/home/me/x) is mutable, whatever its hash says today"],
    [{ why: "non-flake-without-narhash" }, "a flake = false input without a narHash"],
  ],
  "indirect-original": [
    [
      { id: "nixpkgs", rev: REV },
      "the registry name 'nixpkgs' is locked to 5e2a7d4c0f1b; the next update resolves it through the updating machine's registry",
    ],
  ],
  "registry-copy": [
    [
      { path: "/nix/store/gxw5rlp29swdpgz26vhaqzy21b9pxrim-source", id: "nixpkgs" },
      "a store copy (/nix/store/gxw5rlp29swdpgz26vhaqzy21b9pxrim-source) of the registry name 'nixpkgs' that cannot be fetched anywhere else",
    ],
    [
      { path: "/nix/store/gxw5rlp29swdpgz26vhaqzy21b9pxrim-source" },
      "a store copy (/nix/store/gxw5rlp29swdpgz26vhaqzy21b9pxrim-source) that cannot be fetched anywhere else",
    ],
  ],
  "insecure-transport": [[{ url: "http://example.org/a.tar.gz", scheme: "http" }, "fetched over http://"]],
  "license-not-allowed": [
    [
      { license: "GPL-3.0-only", allowed: ["MIT", "Apache-2.0"] },
      "GPL-3.0-only is not on the allowed list (MIT, Apache-2.0)",
    ],
  ],
  "allowlist-expired": [
    [
      { rule: "stale", reason: "waiting", expires: "2026-06-30" },
      'the allowance for stale ("waiting") expired on 2026-06-30',
    ],
  ],
  "rev-not-found": [
    [
      { host: "github.com", repository: "acme/gone", rev: REV, missing: "repository" },
      "rev not found upstream: repository acme/gone does not exist on github.com",
    ],
    [
      { host: "github.com", repository: "acme/lib", rev: REV, missing: "commit" },
      "rev not found upstream: commit 5e2a7d4c0f1b in acme/lib does not exist on github.com",
    ],
  ],
  "rev-not-on-ref": [
    [
      { rev: REV, ref: "main", status: "diverged" },
      "rev 5e2a7d4c0f1b is not on 'main' (diverged): it may come from a fork or have been force-pushed away",
    ],
    [{ rev: REV, ref: "gone", status: "ref-not-found" }, "the ref 'gone' the flake follows does not exist upstream"],
  ],
  "repo-renamed": [[{ from: "old/name", to: "new/name" }, "old/name is now new/name"]],
  "repo-archived": [[{ repository: "acme/legacy" }, "acme/legacy is archived"]],
  "repo-fork": [
    [{ repository: "me/lib", parent: "acme/lib" }, "me/lib is a fork of acme/lib"],
    [{ repository: "me/lib" }, "me/lib is a fork"],
  ],
  "missing-license": [[{ repository: "acme/x" }, "acme/x has no license GitHub recognises"]],
  "last-modified-mismatch": [
    [
      { lastModified: 1717200000, committedDate: "2024-06-02T00:00:00Z" },
      "lock lastModified 2024-06-01T00:00:00Z differs from the commit's committer date 2024-06-02T00:00:00Z",
    ],
  ],
  "unsigned-commit": [
    [{ state: "unsigned" }, "the locked commit is not signed"],
    [{ state: "unverified", reason: "BAD_EMAIL" }, "the commit's signature is not verified (BAD_EMAIL)"],
  ],
  "source-changed": [[{ before: "github:a/b", after: "github:c/b" }, "github:a/b → github:c/b"]],
  "narhash-changed": [
    [{ rev: REV, before: "sha256-A", after: "sha256-B" }, "rev 5e2a7d4c0f1b now has narHash sha256-B (was sha256-A)"],
  ],
  "pin-lost": [[{ pinning: "rev-only" }, "the input is no longer locked by content"]],
  "last-modified-backwards": [[{ before: 2, after: 1 }, "the new pin is older than the old one"]],
  "ref-downgrade": [[{ from: "nixos-25.11", to: "nixos-25.05" }, "'nixos-25.11' → 'nixos-25.05'"]],
  "upstream-downgrade": [
    [{ aheadBy: 0, behindBy: 1 }, "the new rev is 1 commit behind the old one"],
    [{ aheadBy: 0, behindBy: 3 }, "the new rev is 3 commits behind the old one"],
  ],
  "upstream-diverged": [[{ aheadBy: 4, behindBy: 2 }, "history diverged: 4 new commits, 2 dropped"]],
  "package-downgraded": [[{ package: "jq", from: "1.7.1", to: "1.6" }, "jq goes back from 1.7.1 to 1.6"]],
  "package-removed": [
    [
      { package: "openssh", versions: ["9.8p1"], requiredBy: "openssh*" },
      "openssh 9.8p1 is no longer built, and the policy requires it ('openssh*')",
    ],
    [
      { package: "hook", versions: [""], requiredBy: "hook" },
      "hook is no longer built, and the policy requires it ('hook')",
    ],
  ],
};

const cases = Object.entries(WORDING).flatMap(([rule, list]) =>
  list.map(([details, message]) => [rule, JSON.stringify(details), details, message] as const),
);

describe("finding wording, from the data alone", () => {
  it.each(cases)("%s %s", (rule, _label, details, message) => {
    // The table is typed per rule above; here the rule is a plain string again.
    const f = makeFinding(rule as RuleId, "in/put", details as never);
    expect(f.message).toBe(message);
    expect(f.severity).toBe(RULES[rule as RuleId].severity);
    expect(FindingSchema.parse(f)).toEqual(f); // JSON publishes every kind, details included
  });

  it("covers every rule", () => {
    expect(Object.keys(WORDING).sort()).toEqual(Object.keys(RULES).sort());
  });
});

describe("severities and --fail-on", () => {
  it.each(SEVERITIES.flatMap((s) => SEVERITIES.map((t) => [s, t] as const)))("%s at least %s", (s, t) => {
    expect(atLeast(s, t)).toBe(SEVERITIES.indexOf(s) >= SEVERITIES.indexOf(t));
  });

  const at = (severity: "info" | "low" | "medium" | "high") =>
    makeFinding("repo-archived", "x", { repository: "a/b" }, severity);
  it.each([
    ["none", ["high"], false],
    ["high", ["medium", "low"], false],
    ["high", ["info", "high"], true],
    ["medium", ["medium"], true],
    ["medium", ["low", "info"], false],
    ["low", ["low"], true],
    ["low", [], false],
  ] as const)("--fail-on %s over %j: %s", (threshold, severities, fails) => {
    expect(failsOn(severities.map(at), threshold)).toBe(fails);
  });

  it("orders worst first, then by input and rule", () => {
    const list = [at("low"), makeFinding("stale", "a", WORDING.stale[0]![0]), at("high")];
    expect([...list].sort(compareFindings).map((f) => `${f.severity}:${f.input}:${f.rule}`)).toEqual([
      "high:x:repo-archived",
      "medium:a:stale",
      "low:x:repo-archived",
    ]);
  });
});
