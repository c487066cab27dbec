import { toSri } from "../nix/hash.js";
import { compareFindings, type Finding } from "../findings.js";
import { toFlakeUrl } from "../lock/flake-url.js";
import { compareStrings, formatInputPath } from "../lock/input-path.js";
import type { InputNode, LockGraph } from "../lock/graph.js";
import { pathTable, type PathEntry } from "../lock/path-table.js";
import { forgeHost, pinningOf, type SourceRef } from "../lock/source-ref.js";
import { lockRisks } from "./risks.js";
import { foldSubtree } from "./fold-follows.js";
import { CHANGE_KINDS, type ChangeKind, type InputChange, type LockedSide } from "./input-change.js";
import { releaseMove, type ReleaseMove } from "./release-move.js";
import { classifyVersionChange } from "./version-move.js";

// The change types live in input-change.ts, which the diff's helpers import without importing this file.
export { CHANGE_KINDS, type ChangeKind, type InputChange, type LockedSide } from "./input-change.js";

function sameAttrs(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

export interface LockDiff {
  readonly changes: readonly InputChange[];
  readonly unchangedCount: number;
  readonly findings: readonly Finding[];
}

/** A follows to the root flake (`follows = ""`): there is nothing locked to describe but the edge. */
const ROOT_SIDE: LockedSide = { type: "root", url: "(the root flake)", attrs: {}, follows: "", flake: true };

function side(node: InputNode, entry: PathEntry): LockedSide {
  if (node.locked === undefined) return ROOT_SIDE;
  const s = node.locked;
  return {
    type: s.type === "unknown" ? s.declaredType : s.type,
    url: toFlakeUrl(s),
    attrs: s.attrs,
    ...(s.rev !== undefined ? { rev: s.rev } : {}),
    ...(s.narHash !== undefined ? { narHash: toSri(s.narHash) } : {}),
    ...(s.lastModified !== undefined ? { lastModified: s.lastModified } : {}),
    ...(node.original?.ref !== undefined ? { ref: node.original.ref } : {}),
    ...(entry.follows !== undefined ? { follows: formatInputPath(entry.follows) } : {}),
    flake: node.isFlake,
  };
}

/** Where a source is, ignoring which commit: type, host, owner and repository, or URL without query. */
function location(s: SourceRef): string {
  switch (s.type) {
    case "github":
    case "gitlab":
    case "sourcehut":
      return `${s.type}:${forgeHost(s)}/${s.owner}/${s.repo}`.toLowerCase();
    case "git":
    case "hg":
    case "tarball":
    case "file":
      return `${s.type}:${s.url.split("?")[0]}`;
    case "path":
      return `path:${s.path}`;
    case "indirect":
      return `indirect:${s.id}`;
    default:
      return `${s.declaredType}:${JSON.stringify(s.attrs["url"] ?? "")}`;
  }
}

/** One side of a comparison: the node, its locked source and its path entry. */
interface Locked {
  readonly node: InputNode;
  readonly locked: SourceRef;
  readonly entry: PathEntry;
}

const isUrlFetch = (s: SourceRef): s is Extract<SourceRef, { type: "tarball" | "file" }> =>
  s.type === "tarball" || s.type === "file";

/**
 * Tarballs lock to immutable URLs that change with every release (FlakeHub, channels), so where a
 * tarball comes from is what flake.nix asked for: the original URL. The original (or, when it did
 * not change, the locked URL) moving only in version-like segments is a release, not a new source.
 */
function releaseOf(x: Locked, y: Locked): ReleaseMove | undefined {
  const [sa, sb] = [x.locked, y.locked];
  if (!isUrlFetch(sa) || !isUrlFetch(sb) || sa.type !== sb.type) return undefined;
  const [oa, ob] = [x.node.original, y.node.original];
  if (oa !== undefined && ob !== undefined && isUrlFetch(oa) && isUrlFetch(ob) && oa.url !== ob.url)
    return releaseMove(oa.url, ob.url);
  return sa.url !== sb.url ? releaseMove(sa.url, sb.url) : undefined;
}

function sourceMoved(x: Locked, y: Locked): boolean {
  const where = (l: Locked): string =>
    isUrlFetch(l.locked) && l.node.original !== undefined ? location(l.node.original) : location(l.locked);
  return where(x) !== where(y) && releaseOf(x, y) === undefined;
}

function kindsOf(x: Locked, y: Locked): ChangeKind[] {
  const kinds: ChangeKind[] = [];
  const [a, b, sa, sb, ea, eb] = [x.node, y.node, x.locked, y.locked, x.entry, y.entry];
  if (
    formatInputPath(ea.follows ?? []) !== formatInputPath(eb.follows ?? []) ||
    (ea.follows === undefined) !== (eb.follows === undefined)
  )
    kinds.push("follows-changed");
  if (sourceMoved(x, y)) kinds.push("source-changed");
  const narA = sa.narHash !== undefined ? toSri(sa.narHash) : undefined;
  const narB = sb.narHash !== undefined ? toSri(sb.narHash) : undefined;
  if (sa.rev !== undefined && sa.rev === sb.rev && narA !== undefined && narB !== undefined && narA !== narB)
    kinds.push("narhash-changed");
  if (pinningOf(sa) === "content" && pinningOf(sb) !== "content") kinds.push("pin-lost");
  if (!sameAttrs(sa.attrs, sb.attrs)) kinds.push("updated");
  if ((a.original?.ref ?? "") !== (b.original?.ref ?? "")) kinds.push("ref-changed");
  if (a.isFlake !== b.isFlake) kinds.push("flake-toggled");
  if (sa.lastModified !== undefined && sb.lastModified !== undefined && sb.lastModified < sa.lastModified)
    kinds.push("last-modified-backwards");
  return kinds;
}

const byOrder = (a: ChangeKind, b: ChangeKind): number => CHANGE_KINDS.indexOf(a) - CHANGE_KINDS.indexOf(b);

/**
 * What a lock update changes, by input path (node-key churn alone is no change). A follows alias
 * reports only its follows change; the input it follows reports its own content changes.
 */
export function diffLocks(oldGraph: LockGraph, newGraph: LockGraph): LockDiff {
  const [pa, pb] = [pathTable(oldGraph), pathTable(newGraph)];
  const changes: InputChange[] = [];
  const findings: Finding[] = [];
  let unchanged = 0;
  for (const key of [...new Set([...pa.keys(), ...pb.keys()])].sort(compareStrings)) {
    const [ea, eb] = [pa.get(key), pb.get(key)];
    const [na, nb] = [ea && oldGraph.nodes.get(ea.key), eb && newGraph.nodes.get(eb.key)];
    const input = key;
    if (ea === undefined || na === undefined) {
      if (eb !== undefined && nb !== undefined)
        changes.push({ input, kind: "added", kinds: ["added"], new: side(nb, eb) });
      continue;
    }
    if (eb === undefined || nb === undefined) {
      changes.push({ input, kind: "removed", kinds: ["removed"], old: side(na, ea) });
      continue;
    }
    if (na.locked === undefined || nb.locked === undefined) {
      // One side follows the root flake.
      if (na.locked === undefined && nb.locked === undefined) unchanged++;
      else
        changes.push({
          input,
          kind: "follows-changed",
          kinds: ["follows-changed"],
          old: side(na, ea),
          new: side(nb, eb),
        });
      continue;
    }
    let kinds = kindsOf({ node: na, locked: na.locked, entry: ea }, { node: nb, locked: nb.locked, entry: eb });
    // Both follow the same path: the target reports its own changes.
    if (ea.follows !== undefined && eb.follows !== undefined && !kinds.includes("follows-changed")) kinds = [];
    if (kinds.length === 0) {
      unchanged++;
      continue;
    }
    kinds.sort(byOrder);
    const [kind = "updated"] = kinds; // kinds is not empty here
    const refMove = kinds.includes("ref-changed")
      ? {
          from: na.original?.ref ?? "",
          to: nb.original?.ref ?? "",
          move: classifyVersionChange(na.original?.ref ?? "", nb.original?.ref ?? ""),
        }
      : undefined;
    const release = releaseOf({ node: na, locked: na.locked, entry: ea }, { node: nb, locked: nb.locked, entry: eb });
    const change: InputChange = {
      input,
      kind,
      kinds,
      old: side(na, ea),
      new: side(nb, eb),
      ...(refMove !== undefined ? { refMove } : {}),
      ...(release !== undefined ? { release } : {}),
    };
    changes.push(change);
    findings.push(...lockRisks(change, pinningOf(nb.locked)));
  }
  const flagged = new Set(findings.map((f) => f.input));
  return {
    changes: foldSubtree(changes, flagged),
    unchangedCount: unchanged,
    findings: findings.sort(compareFindings),
  };
}
