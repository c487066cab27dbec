import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

type Json = Record<string, unknown>;
const NAR = (n: number): string => `sha256-${Buffer.alloc(32, n).toString("base64")}`;
const rev = (n: number): string => n.toString(16).padStart(2, "0").repeat(20);
const DAY = 86400;
const T0 = 1717200000; // 2024-06-01

export function gh(
  owner: string,
  repo: string,
  r: number,
  opts: { ref?: string; lastModified?: number; narHash?: string; flake?: boolean; inputs?: Json } = {},
): Json {
  return {
    ...(opts.inputs !== undefined ? { inputs: opts.inputs } : {}),
    ...(opts.flake === false ? { flake: false } : {}),
    locked: {
      lastModified: opts.lastModified ?? T0 + r * DAY,
      narHash: opts.narHash ?? NAR(r),
      owner,
      repo,
      rev: rev(r),
      type: "github",
    },
    original: { owner, repo, type: "github", ...(opts.ref !== undefined ? { ref: opts.ref } : {}) },
  };
}

export const lockText = (nodes: Json): string => `${JSON.stringify({ nodes, root: "root", version: 7 }, null, 2)}\n`;

/**
 * A lock update with every kind of change a reviewer must see, lock-only: added, removed, updated,
 * moved backwards, ref switches (minor, major, incomparable), a source swap, follows changes, a
 * narHash change under the same rev, flake=false toggled, a lost pin, and node-key churn (no change).
 */
export function lockOnlyPair(): { old: string; new: string } {
  const old = {
    root: {
      inputs: {
        nixpkgs: "nixpkgs",
        hm: "hm",
        gone: "gone",
        tagged: "tagged",
        swapped: "swapped",
        same: "same",
        churn: "utils_2",
        data: "data",
        tampered: "tampered",
        pinned: "pinned",
        back: "back",
        branch: "branch",
      },
    },
    nixpkgs: gh("NixOS", "nixpkgs", 10, { ref: "nixos-24.05" }),
    hm: gh("nix-community", "home-manager", 20, { inputs: { nixpkgs: ["nixpkgs"], utils: "utils" } }),
    utils: gh("numtide", "flake-utils", 30),
    utils_2: gh("numtide", "flake-utils", 31),
    gone: gh("acme", "gone", 40),
    tagged: gh("acme", "tool", 50, { ref: "v1.0.1" }),
    swapped: gh("upstream", "lib", 60),
    same: gh("acme", "same", 70),
    data: gh("acme", "data", 80, { flake: false }),
    tampered: gh("acme", "tampered", 90),
    pinned: gh("acme", "pinned", 100),
    back: gh("acme", "back", 110),
    branch: gh("acme", "branch", 120, { ref: "main" }),
  };
  const neu = {
    root: {
      inputs: {
        nixpkgs: "nixpkgs",
        hm: "hm",
        added: "added",
        tagged: "tagged",
        swapped: "swapped",
        same: "same",
        churn: "utils_3",
        data: "data",
        tampered: "tampered",
        pinned: "pinned",
        back: "back",
        branch: "branch",
      },
    },
    nixpkgs: gh("NixOS", "nixpkgs", 11, { ref: "nixos-24.11" }),
    hm: gh("nix-community", "home-manager", 21, { inputs: { nixpkgs: "nixpkgs_2", utils: ["churn"] } }),
    nixpkgs_2: gh("NixOS", "nixpkgs", 12),
    utils_3: gh("numtide", "flake-utils", 31),
    added: gh("acme", "new-thing", 41),
    tagged: gh("acme", "tool", 51, { ref: "v2.0.0" }),
    swapped: gh("mallory", "lib", 61),
    same: gh("acme", "same", 70),
    data: gh("acme", "data", 80),
    tampered: gh("acme", "tampered", 90, { narHash: NAR(99) }),
    pinned: {
      locked: { lastModified: T0 + 100 * DAY, owner: "acme", repo: "pinned", rev: rev(100), type: "github" },
      original: { owner: "acme", repo: "pinned", type: "github" },
    },
    back: gh("acme", "back", 111, { lastModified: T0 }),
    branch: gh("acme", "branch", 120, { ref: "develop" }),
  };
  return { old: lockText(old), new: lockText(neu) };
}

export function writePair(pair: { old: string; new: string }): { old: string; new: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-diff-"));
  const [a, b] = [path.join(dir, "old.lock"), path.join(dir, "new.lock")];
  writeFileSync(a, pair.old);
  writeFileSync(b, pair.new);
  return { old: a, new: b };
}
