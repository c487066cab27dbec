import type { TraceReport } from "../../src/domain/closure/trace-report.js";
import type { DiffChange, DiffReport, UpstreamChange } from "../../src/domain/diff/report.js";
import { makeFinding, type Finding } from "../../src/domain/findings.js";
import type { FleetReport, HostEntry } from "../../src/domain/fleet/report.js";
import type { InputFacts } from "../../src/domain/lock/input-facts.js";
import type { CheckReport } from "../../src/domain/policy/report.js";
import type { ResolveReport } from "../../src/domain/provenance/report.js";

/**
 * Reports of every kind with one outside string `h` in every field that can carry text: a lock's
 * input names and URLs, a host's name, system, generation date and store paths, upstream commit text,
 * policy text, gap reasons. Renderers must show `h` and let it do nothing.
 */
const TOOL = { name: "flake-audit", version: "0.0.0" };
const SHA = "0".repeat(64);
const REV = "a".repeat(40);

const findings = (h: string): Finding[] => [
  makeFinding("source-changed", h, { before: h, after: h }),
  makeFinding("ref-downgrade", h, { from: h, to: h }),
  makeFinding("unsigned-commit", h, { state: "unverified", reason: h }),
];

export function hostileDiff(h: string): DiffReport {
  const upstream: UpstreamChange = {
    status: "ahead",
    aheadBy: 1,
    behindBy: 0,
    totalCommits: 1,
    commits: [{ sha: REV, headline: h, author: h, date: h, url: h }],
    compareUrl: `https://github.com/${h}`,
    newRevReachable: { ref: h, contained: false, status: "ahead" },
  };
  const side = { type: "github", url: h, attrs: {}, rev: h, lastModified: 1, ref: h, flake: true };
  const change: DiffChange = {
    input: h,
    kind: "ref-changed",
    kinds: ["ref-changed", "updated"],
    old: side,
    new: side,
    refMove: { from: h, to: h, move: "downgrade" },
    release: { from: h, to: h },
    subtreeSources: [{ input: `${h}/${h}`, kind: "added", url: h }],
    upstream,
  };
  const follows: DiffChange = { input: `${h}/f`, kind: "added", kinds: ["added"], new: { ...side, follows: h } };
  const pkg = { name: h, change: "version-changed" as const, oldVersions: [h], newVersions: [h] };
  return {
    schemaVersion: 1,
    tool: TOOL,
    evaluatedAt: "2026-01-01T00:00:00.000Z",
    old: { source: h, sha256: SHA },
    new: { source: h, sha256: SHA },
    lockOnly: false,
    offline: false,
    changes: [change, follows],
    unchangedCount: 0,
    findings: findings(h),
    closure: {
      packages: [{ ...pkg, removedVersions: [h], addedVersions: [`${h}2`], sizeDelta: 9000, shownByNix: true }],
      oldSize: 0,
      newSize: 1,
    },
    gaps: [{ input: h, reason: h }],
  };
}

const facts = (h: string): InputFacts => ({
  input: h,
  inputPaths: [h, `${h}/x`],
  type: h,
  url: h,
  rev: h,
  narHash: h,
  lastModified: h,
});

export const hostileTrace = (h: string): TraceReport => ({
  schemaVersion: 1,
  tool: TOOL,
  path: h,
  kind: "output",
  attribution: "none",
  deriver: h,
  inputs: [facts(h)],
  sources: [{ path: h, via: "references", depth: 1, inputs: [facts(h)] }],
  chain: [h, h],
  nearestAttributed: { path: h, inputs: [facts(h)] },
  notes: [h],
  gaps: [{ reason: h }],
});

export function hostileFleet(h: string): FleetReport {
  const pkg = { name: h, change: "version-changed" as const, oldVersions: [h], newVersions: [h] };
  const change = {
    from: h,
    to: h,
    packages: [{ ...pkg, removedVersions: [h], addedVersions: [h], sizeDelta: 1, shownByNix: true }],
    sizeDelta: 1,
  };
  const host: HostEntry = {
    name: h,
    source: { kind: "report", file: h },
    status: "ok",
    system: h,
    generation: 3,
    generations: [{ number: 3, path: h, date: h }],
    approved: false,
    expectedSystem: h,
    paths: 1,
    inputs: [{ input: h, rev: h, lastModified: h, storePath: h, lock: h, approved: false }],
    drift: change,
    lastChange: change,
    signatures: {
      counts: { trusted: 1, contentAddressed: 0, untrusted: 0, unsigned: 0, invalid: 0 },
      untrusted: [],
      unsigned: [],
      invalid: [],
      malformed: [h, h],
      malformedCount: 3,
    },
  };
  return {
    schemaVersion: 1,
    tool: TOOL,
    approvedLock: { path: h, sha256: SHA, nixpkgsRev: h },
    trustedKeys: [h],
    hosts: [host, { ...host, status: "unreachable", reason: h }],
    groups: [{ system: h, hosts: [h, h], approved: false }],
    totals: {
      hosts: 2,
      read: 1,
      gaps: 1,
      distinctSystems: 1,
      distinctPaths: 1,
      untrustedPaths: 0,
      unsignedPaths: 0,
      invalidPaths: 0,
    },
    findings: [
      { kind: "drift", host: h, expected: h, actual: h, changedPackages: 1 },
      { kind: "stale-nixpkgs", host: h, approvedRev: h, runningRev: h, runningLastModified: h },
      { kind: "untrusted-paths", host: h, count: 1, examples: [h] },
      { kind: "host-unreachable", host: h, reason: h },
    ],
    gaps: [{ input: h, reason: h }],
  };
}

export function hostileCheck(h: string): CheckReport {
  const located = findings(h).map((f) => ({
    ...f,
    nodeKey: h,
    location: { line: 2, column: 3, endLine: 2, endColumn: 9 },
    paths: [h, `${h}/${h}`],
    via: h,
    follows: { path: [h, h], target: h },
  }));
  return {
    schemaVersion: 1,
    tool: TOOL,
    evaluatedAt: "2026-01-01T00:00:00.000Z",
    lockFile: { path: h, sha256: SHA },
    upstream: "online",
    policy: { source: h, settings: {}, overrides: 0, allowances: 1 },
    findings: located,
    suppressed: located.map((f) => ({ ...f, suppressedBy: { reason: h, expires: h } })),
    gaps: [{ input: h, reason: h }],
  };
}

export function hostileResolve(h: string): ResolveReport {
  const commit = {
    sha: REV,
    committedDate: h,
    authoredDate: h,
    authorName: h,
    committerName: h,
    messageHeadline: h,
    url: h,
    signature: { state: "unverified" as const, reason: h },
  };
  const upstream = {
    repository: h,
    renamedFrom: h,
    url: h,
    commit,
    reachable: { ref: h, contained: false, status: "ahead" as const },
    license: h,
    archived: true,
    fork: true,
    parent: h,
  };
  return {
    schemaVersion: 1,
    tool: TOOL,
    offline: false,
    requests: 1,
    inputs: [
      { input: h, inputPaths: [h, `${h}/x`], type: "github", status: "resolved", rev: REV, host: h, upstream },
      { input: h, inputPaths: [h], type: h, status: "failed", reason: h },
    ],
    findings: findings(h),
    gaps: [{ input: h, reason: h }],
  };
}

/** The impact section of a diff (`--installable`) with `h` in names, versions, URLs, patches and errors. */
export const hostileImpact = (h: string): NonNullable<DiffReport["impact"]> => ({
  old: h,
  new: h,
  installables: [
    {
      installable: h,
      status: "compared",
      versionChanges: [
        {
          name: h,
          from: [h],
          to: [h],
          direction: "downgrade",
          drvPath: `/nix/store/${"a".repeat(32)}-x.drv`,
          source: { name: h, url: "javascript:window.__pwned=4", rev: h, hash: h },
          patchesAdded: [h],
          patchesRemoved: [h],
        },
      ],
      added: [{ name: h, versions: [h] }],
      removed: [{ name: h, versions: [h] }],
      rebuilt: [{ name: h, version: h, drvPath: h, reasons: [{ kind: "source", from: h, to: h }] }],
      rebuildCount: 1,
      derivations: { old: 1, new: 1 },
      licences: [{ name: h, version: h, output: h, path: h, from: [h], to: [h], unfree: [h] }],
    },
    { installable: `${h}2`, status: "failed", side: "both", error: `${h}\n${h}` },
  ],
  licenceGap: { reason: h, options: [h] },
});
