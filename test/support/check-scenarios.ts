import { gh, lockText } from "./diff-scenarios.js";

const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";
const T = (iso: string): number => Date.parse(iso) / 1000;

/**
 * A lock with one input per lock-level rule: stale (nixpkgs and other thresholds), an unsupported
 * and a supported nixpkgs branch, a nixpkgs fork, duplicate sources, unlocked and mutable inputs,
 * insecure transport, and an input the allow list accepts (one allowance valid, one expired); a
 * registry name locked to a commit and a registry-resolved store copy; and a root input `app` that
 * brings a stale nixpkgs (fixed by a follows) and reaches `tool` a second time.
 */
export function checkLock(): string {
  return lockText({
    root: {
      inputs: {
        nixpkgs: "nixpkgs",
        old: "old",
        fresh: "fresh",
        fork: "fork",
        tool: "tool",
        hm: "hm",
        local: "local",
        plain: "plain",
        unpinned: "unpinned",
        data: "data",
        accepted: "accepted",
        expired: "expired",
        registry: "registry",
        storecopy: "storecopy",
        app: "app",
      },
    },
    registry: {
      locked: {
        lastModified: T("2026-11-22T00:00:00Z"),
        narHash: NAR,
        owner: "NixOS",
        repo: "nixpkgs",
        rev: "c".repeat(40),
        type: "github",
      },
      original: { id: "nixpkgs", type: "indirect" },
    },
    storecopy: {
      locked: {
        lastModified: T("2026-11-22T00:00:00Z"),
        narHash: NAR,
        path: "/nix/store/gxw5rlp29swdpgz26vhaqzy21b9pxrim-source",
        rev: "d".repeat(40),
        type: "path",
      },
      original: { id: "home-manager", type: "indirect" },
    },
    app: gh("acme", "app", 10, {
      lastModified: T("2026-11-20T00:00:00Z"),
      inputs: { nixpkgs: "nixpkgs_3", tool: "tool" },
    }),
    nixpkgs_3: gh("NixOS", "nixpkgs", 11, { ref: "nixos-unstable", lastModified: T("2026-09-01T00:00:00Z") }),
    nixpkgs: gh("NixOS", "nixpkgs", 1, { ref: "nixos-26.05", lastModified: T("2026-11-20T00:00:00Z") }),
    old: gh("NixOS", "nixpkgs", 2, { ref: "nixos-24.05", lastModified: T("2024-12-01T00:00:00Z") }),
    fresh: gh("acme", "fresh", 3, { lastModified: T("2026-11-01T00:00:00Z") }),
    fork: gh("someone", "nixpkgs", 4, { ref: "nixos-unstable", lastModified: T("2026-11-24T00:00:00Z") }),
    tool: gh("acme", "tool", 5, { lastModified: T("2026-01-01T00:00:00Z") }),
    hm: gh("nix-community", "home-manager", 6, {
      lastModified: T("2026-11-20T00:00:00Z"),
      inputs: { nixpkgs: "nixpkgs_2" },
    }),
    nixpkgs_2: gh("NixOS", "nixpkgs", 7, { ref: "nixos-unstable", lastModified: T("2026-11-21T00:00:00Z") }),
    local: {
      locked: { lastModified: T("2026-11-24T00:00:00Z"), narHash: NAR, path: "/home/me/src/thing", type: "path" },
      original: { path: "/home/me/src/thing", type: "path" },
    },
    plain: {
      locked: {
        lastModified: T("2026-11-24T00:00:00Z"),
        narHash: NAR,
        type: "tarball",
        url: "http://example.org/src.tar.gz",
      },
      original: { type: "tarball", url: "http://example.org/src.tar.gz" },
    },
    unpinned: {
      locked: {
        lastModified: T("2026-11-24T00:00:00Z"),
        owner: "acme",
        repo: "unpinned",
        rev: "a".repeat(40),
        type: "github",
      },
      original: { owner: "acme", repo: "unpinned", type: "github" },
    },
    data: {
      flake: false,
      locked: {
        lastModified: T("2026-11-24T00:00:00Z"),
        type: "git",
        url: "https://example.org/data.git",
        ref: "main",
        rev: "b".repeat(40),
      },
      original: { type: "git", url: "https://example.org/data.git" },
    },
    accepted: gh("acme", "vendored", 8, { lastModified: T("2025-01-01T00:00:00Z") }),
    expired: gh("acme", "legacy", 9, { lastModified: T("2025-01-01T00:00:00Z") }),
  });
}

export const CHECK_POLICY_YAML = `# flake-audit policy for the check scenario
maxAgeDays: 60
overrides:
  - inputs: "hm/**"
    nixpkgsMaxAgeDays: 120
allow:
  - rule: stale
    input: accepted
    reason: vendored fork, updated by hand each quarter
    expires: 2027-01-31
  - rule: stale
    input: expired
    reason: waiting for upstream to tag a release
    expires: 2026-06-30
`;

export const BAD_POLICY_YAML = `maxAgeDays: -3
rules:
  stale: { severity: critical }
  no-such-rule: { enabled: false }
overrides:
  - inputs: 42
allow:
  - rule: stale
    input: x
    expires: someday
`;
