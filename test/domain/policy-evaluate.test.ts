import { describe, expect, it } from "vitest";
import { buildInventory } from "../../src/domain/lock/inventory.js";
import { evaluatePolicy } from "../../src/domain/policy/evaluate.js";
import { BUILT_IN_POLICY, type Policy } from "../../src/domain/policy/policy.js";
import type { ResolvedEntry, ResolveReport } from "../../src/domain/provenance/report.js";
import { makeFinding } from "../../src/domain/findings.js";
import { parseFlakeLock } from "../../src/ingest/lock/flake-lock.js";
import { parsePolicy } from "../../src/ingest/policy/policy.js";
import { gh, lockText } from "../support/diff-scenarios.js";

const NOW = new Date("2026-11-25T00:00:00Z");
const T = (iso: string): number => Date.parse(iso) / 1000;
const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";
const FRESH = T("2026-11-20T00:00:00Z");

/** Evaluates a lock whose root has the given nodes as inputs, except those whose key starts with `_`. */
function evaluate(
  nodes: Record<string, Record<string, unknown>>,
  opts: { policy?: Policy; provenance?: ResolveReport } = {},
) {
  const inputs = Object.fromEntries(
    Object.keys(nodes)
      .filter((k) => !k.startsWith("_"))
      .map((k) => [k, k]),
  );
  const parsed = parseFlakeLock(lockText({ root: { inputs }, ...nodes }), "flake.lock");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const inventory = buildInventory(parsed.value, undefined, { storePaths: false });
  return evaluatePolicy(inventory, opts.provenance, opts.policy ?? BUILT_IN_POLICY, NOW);
}
const rules = (r: ReturnType<typeof evaluate>): string[] => r.findings.map((f) => `${f.rule}:${f.input}`).sort();
const policy = (yaml: string): Policy => {
  const p = parsePolicy(yaml, "policy.yaml");
  if (!p.ok) throw new Error(JSON.stringify(p.error));
  return p.value;
};

describe("lock rules: each triggers, and does not when the lock is fine", () => {
  it("stale: past the threshold (nixpkgs has its own), with the age and threshold as data", () => {
    const r = evaluate({
      lib: gh("acme", "lib", 1, { lastModified: T("2026-01-01T00:00:00Z") }),
      nixpkgs: gh("NixOS", "nixpkgs", 2, { ref: "nixos-unstable", lastModified: T("2026-10-01T00:00:00Z") }),
      ok: gh("acme", "ok", 3, { lastModified: T("2026-09-01T00:00:00Z") }),
    });
    expect(rules(r)).toEqual(["stale:lib", "stale:nixpkgs"]);
    const nixpkgs = r.findings.find((f) => f.input === "nixpkgs");
    expect(nixpkgs?.details).toEqual({
      lastModified: T("2026-10-01T00:00:00Z"),
      ageDays: 55,
      maxAgeDays: 30,
      threshold: "nixpkgsMaxAgeDays",
    });
  });

  it("unsupported-branch: an end-of-life release, not a supported one or a rolling branch", () => {
    const r = evaluate({
      nixpkgs: gh("NixOS", "nixpkgs", 1, { ref: "nixos-24.05", lastModified: FRESH }),
      nixpkgs2: gh("NixOS", "nixpkgs", 1, { ref: "nixos-26.05", lastModified: FRESH }),
      nixpkgs3: gh("NixOS", "nixpkgs", 1, { ref: "nixos-unstable", lastModified: FRESH }),
    });
    expect(rules(r)).toEqual(["unsupported-branch:nixpkgs"]);
    expect(r.findings[0]?.details).toEqual({
      branch: "nixos-24.05",
      supported: ["nixos-unstable", "nixos-unstable-small", "nixpkgs-unstable", "master", "nixos-26.05", "nixos-26.11"],
    });
  });

  it("non-upstream-nixpkgs and duplicate-sources", () => {
    const r = evaluate({
      nixpkgs: gh("someone", "nixpkgs", 1, { lastModified: FRESH }),
      a: gh("acme", "lib", 2, { lastModified: FRESH }),
      b: gh("Acme", "Lib", 3, { lastModified: FRESH }),
      c: gh("acme", "other", 3, { lastModified: FRESH }),
      d: gh("acme", "other", 3, { lastModified: FRESH }),
    });
    expect(rules(r)).toEqual(["duplicate-sources:a", "non-upstream-nixpkgs:nixpkgs"]);
    expect(r.findings.find((f) => f.rule === "duplicate-sources")?.message).toBe(
      "github.com/acme/lib is locked at 2 revisions (a, b); the others could follow 'a'",
    );
  });

  it("duplicate-sources over git URLs names the whole URL", () => {
    const git = (rev: string) => ({
      locked: { lastModified: FRESH, narHash: NAR, rev: rev.repeat(40), type: "git", url: "https://example.org/x.git" },
      original: { type: "git", url: "https://example.org/x.git" },
    });
    const r = evaluate({ a: git("a"), b: git("b") });
    expect(r.findings.map((f) => f.message)).toEqual([
      "https://example.org/x.git is locked at 2 revisions (a, b); the others could follow 'a'",
    ]);
  });

  it("unlocked: every reason, and not for a relative path or a fully locked input", () => {
    const r = evaluate({
      revonly: {
        locked: { lastModified: FRESH, owner: "a", repo: "b", rev: "c".repeat(40), type: "github" },
        original: { owner: "a", repo: "b", type: "github" },
      },
      local: {
        locked: { lastModified: FRESH, narHash: NAR, path: "/home/me/x", type: "path" },
        original: { path: "/home/me/x", type: "path" },
      },
      rel: { locked: { path: "./sub", type: "path" }, original: { path: "./sub", type: "path" } },
      indirect: { locked: { id: "nixpkgs", type: "indirect" }, original: { id: "nixpkgs", type: "indirect" } },
      ok: gh("acme", "ok", 1, { lastModified: FRESH, flake: false }),
    });
    expect(r.findings.map((f) => `${f.input}:${JSON.stringify(f.details)}`).sort()).toEqual([
      'indirect:{"why":"no-rev-or-narhash"}',
      'local:{"why":"local-path","path":"/home/me/x"}',
      'revonly:{"why":"rev-without-narhash"}',
    ]);
  });

  it("insecure-transport: http:// and git://, not https://", () => {
    const tarball = (url: string) => ({
      locked: { lastModified: FRESH, narHash: NAR, type: "tarball", url },
      original: { type: "tarball", url },
    });
    const r = evaluate({ a: tarball("http://x.org/a.tar.gz"), b: tarball("https://x.org/b.tar.gz") });
    expect(rules(r)).toEqual(["insecure-transport:a"]);
    expect(r.findings[0]?.details).toEqual({ url: "http://x.org/a.tar.gz", scheme: "http" });
  });
});

describe("upstream rules and the policy", () => {
  const entry = (input: string, over: Partial<NonNullable<ResolvedEntry["upstream"]>>): ResolvedEntry => ({
    input,
    inputPaths: [input],
    type: "github",
    status: "resolved",
    upstream: { repository: `acme/${input}`, url: "", license: "MIT", archived: false, fork: false, ...over },
  });
  const commit = (signature: { state: "verified" } | { state: "unsigned" }) => ({
    sha: "a".repeat(40),
    committedDate: "2026-11-20T00:00:00Z",
    authoredDate: "2026-11-20T00:00:00Z",
    messageHeadline: "x",
    url: "",
    signature,
  });
  const provenance: ResolveReport = {
    schemaVersion: 1,
    tool: { name: "t", version: "0" },
    offline: false,
    requests: 0,
    inputs: [
      entry("a", { license: "GPL-3.0-only", commit: commit({ state: "unsigned" }) }),
      entry("b", { commit: commit({ state: "verified" }) }),
    ],
    findings: [makeFinding("repo-archived", "b", { repository: "acme/b" })],
    gaps: [],
  };
  const lock = { a: gh("acme", "a", 1, { lastModified: FRESH }), b: gh("acme", "b", 2, { lastModified: FRESH }) };

  it("resolve's findings pass through; license-not-allowed and unsigned-commit only when the policy asks", () => {
    expect(rules(evaluate(lock, { provenance }))).toEqual(["repo-archived:b"]);
    const strict = policy("allowedLicenses: [MIT]\nrules:\n  unsigned-commit: { enabled: true, severity: medium }\n");
    const r = evaluate(lock, { provenance, policy: strict });
    expect(rules(r)).toEqual(["license-not-allowed:a", "repo-archived:b", "unsigned-commit:a"]);
    expect(r.findings.find((f) => f.rule === "unsigned-commit")?.severity).toBe("medium");
  });

  it("overrides by glob change severities and thresholds; allowances suppress until they expire", () => {
    const old = { lastModified: T("2026-01-01T00:00:00Z") };
    const p = policy(`overrides:
  - inputs: "vendor/*"
    rules: { stale: { severity: low } }
  - inputs: "**/quiet"
    rules: { stale: { enabled: false } }
allow:
  - { rule: stale, input: kept, reason: fine, expires: 2027-01-01 }
  - { rule: stale, input: lapsed, reason: was fine, expires: 2026-01-01 }
`);
    const r = evaluate(
      {
        vendor: gh("acme", "v", 1, { ...old, inputs: { x: "_vx" } }),
        _vx: gh("acme", "vx", 6, old),
        x: gh("acme", "x", 2, old),
        quiet: gh("acme", "q", 3, old),
        kept: gh("acme", "k", 4, old),
        lapsed: gh("acme", "l", 5, old),
      },
      { policy: p },
    );
    expect(r.findings.map((f) => `${f.severity}:${f.rule}:${f.input}`)).toEqual([
      "medium:allowlist-expired:lapsed",
      "medium:stale:lapsed",
      "medium:stale:vendor",
      "medium:stale:x",
      "low:stale:vendor/x",
    ]);
    expect(r.suppressed.map((f) => `${f.rule}:${f.input}:${f.suppressedBy?.reason}`)).toEqual(["stale:kept:fine"]);
  });
});
