import { diffClosures } from "../domain/diff/closure-diff.js";
import { toBase16 } from "../domain/nix/hash.js";
import { sha256, utf8 } from "../domain/nix/sha256.js";
import { compareKey, type CompareTarget, type DiffChange, type DiffReport } from "../domain/diff/report.js";
import { compareFindings, type Finding } from "../domain/findings.js";
import { buildInventory } from "../domain/lock/inventory.js";
import { diffLocks } from "../domain/diff/lock-diff.js";
import { upstreamRisks } from "../domain/diff/risks.js";
import type { LockGraph } from "../domain/lock/graph.js";
import { resolveInputPath } from "../domain/lock/follows.js";
import { githubTarget, isTarget, type GithubTarget } from "../domain/provenance/upstream-facts.js";
import type { Gap, ToolInfo } from "../domain/report.js";
import { isUpstreamError } from "../domain/provenance/report.js";
import { InputError } from "./errors.js";
import type { CompareSource, FileText, Files, NixStore, ProvenanceSource } from "./ports.js";
import { parseLockText } from "./read-lock.js";
import { ageOf } from "../domain/diff/pin-age.js";
import { gapsByCause } from "../domain/report-gaps.js";
import type { InstallableEvaluator } from "./installable-ports.js";
import type { ImpactRequest } from "./impact.js";

/** A lock to diff: a file (`-` for stdin), a path at a git revision, or none (a lock added or deleted). */
export type LockSource =
  | { readonly file: string }
  | { readonly git: { readonly rev: string; readonly path: string } }
  | { readonly none: string };

const EMPTY_LOCK = '{"nodes":{"root":{}},"root":"root","version":7}';

export interface DiffRequest {
  readonly old: LockSource;
  readonly new: LockSource;
  readonly closureOld?: string;
  readonly closureNew?: string;
  readonly lockOnly: boolean;
  readonly offline: boolean;
  readonly enterpriseHosts: readonly string[];
  readonly tool: ToolInfo;
  readonly now: Date;
  /** With --installable: evaluate both sides and compare each installable's packages. */
  readonly impact?: ImpactRequest;
}

/**
 * GitHub, asked only when the diff is not lock-only: the factories are async so that a lock-only
 * run loads none of the client (octokit and its cache are most of a small diff's start-up).
 */
export interface Upstreams {
  readonly provenance: () => Promise<ProvenanceSource>;
  readonly compare: () => Promise<CompareSource>;
}

async function readSide(files: Files, s: LockSource): Promise<{ file: FileText; graph: LockGraph }> {
  const file =
    "none" in s
      ? {
          displayPath: s.none,
          text: EMPTY_LOCK,
          get sha256() {
            return toBase16(sha256(utf8(EMPTY_LOCK)));
          },
          directoryName: "",
        }
      : "file" in s
        ? await files.readText(s.file)
        : await files.readGitFile(s.git.rev, s.git.path);
  return { file, graph: (await parseLockText(file)).graph };
}

function targetAt(graph: LockGraph, input: string, hosts: readonly string[]): GithubTarget | undefined {
  const key = resolveInputPath(graph.nodes, graph.root, input.split("/"));
  const node = key.ok ? graph.nodes.get(key.value) : undefined;
  const t = node?.locked !== undefined ? githubTarget(node.locked, node.original, hosts) : undefined;
  return t !== undefined && isTarget(t) ? t : undefined;
}

/** Two locks → what changed, with upstream comparisons unless lock-only. */
export async function diffUseCase(
  req: DiffRequest,
  files: Files,
  nix: () => NixStore,
  up: Upstreams,
  evaluator?: () => InstallableEvaluator | undefined,
): Promise<DiffReport> {
  const [a, b] = [await readSide(files, req.old), await readSide(files, req.new)];
  // Evaluation takes tens of seconds: it runs while GitHub is asked.
  const impact = req.impact !== undefined ? startImpact(req.impact, files, evaluator) : undefined;
  impact?.catch(() => {}); // awaited below; a rejection before then must not count as unhandled
  const diff = diffLocks(a.graph, b.graph);
  const gaps: Gap[] = [];
  const findings: Finding[] = [...diff.findings];
  let changes: DiffChange[] = diff.changes.map((c) => ({ ...c, ...ageOf(c, req.now) }));
  if (!req.lockOnly) {
    const updated = changes.filter(
      (c) =>
        c.kinds.includes("updated") &&
        !c.kinds.includes("source-changed") &&
        c.old?.follows === undefined &&
        c.new?.follows === undefined,
    );
    const pairs = new Map<string, CompareTarget>();
    for (const c of updated) {
      const [ta, tb] = [
        targetAt(a.graph, c.input, req.enterpriseHosts),
        targetAt(b.graph, c.input, req.enterpriseHosts),
      ];
      if (ta !== undefined && tb !== undefined && ta.rev !== tb.rev)
        pairs.set(c.input, { host: tb.host, owner: tb.owner, repo: tb.repo, base: ta.rev, head: tb.rev });
    }
    const compared = await (await up.compare()).compare([...pairs.values()]);
    const inventory = buildInventory(b.graph);
    const changed = new Set(updated.map((c) => c.input));
    const relevant = inventory.inputs.filter((i) => i.paths.some((p) => changed.has(p.join("/"))));
    const prov =
      relevant.length > 0
        ? await (await import("./resolve.js")).resolveInventory(
            { ...inventory, inputs: relevant },
            await up.provenance(),
            {
              tool: req.tool,
              offline: req.offline,
              enterpriseHosts: req.enterpriseHosts,
            },
          )
        : undefined;
    gaps.push(...(prov?.gaps ?? []));
    findings.push(...(prov?.findings ?? []).filter((f) => f.rule === "rev-not-on-ref" || f.rule === "rev-not-found"));
    changes = changes.map((c) => {
      const pair = pairs.get(c.input);
      if (pair === undefined) return c;
      const facts = compared.get(compareKey(pair));
      if (facts === undefined || isUpstreamError(facts)) {
        if (facts !== undefined && facts.error !== "offline" && !gaps.some((g) => g.input === c.input))
          gaps.push({ input: c.input, reason: facts.message }); // grouped by cause below
        return facts !== undefined ? { ...c, upstreamError: facts } : c;
      }
      findings.push(...upstreamRisks(c.input, facts));
      const entry = prov?.inputs.find((e) => e.inputPaths.includes(c.input));
      const u = entry?.upstream;
      return {
        ...c,
        upstream: {
          ...facts,
          ...(u?.reachable !== undefined ? { newRevReachable: u.reachable } : {}),
          ...(u?.commit !== undefined ? { newRevSignature: u.commit.signature } : {}),
        },
      };
    });
  }
  const closure =
    req.closureOld !== undefined && req.closureNew !== undefined
      ? await closureDiff(req.closureOld, req.closureNew, files, nix)
      : undefined;
  const evaluated = await impact;
  if (evaluated !== undefined) {
    gaps.push(...evaluated.gaps);
    findings.push(...evaluated.findings);
  }
  return {
    schemaVersion: 1,
    tool: req.tool,
    evaluatedAt: req.now.toISOString(),
    old: subject(a.file),
    new: subject(b.file),
    lockOnly: req.lockOnly,
    offline: req.offline,
    changes,
    unchangedCount: diff.unchangedCount,
    findings: findings.sort(compareFindings),
    ...(closure !== undefined ? { closure } : {}),
    ...(evaluated !== undefined ? { impact: evaluated.section } : {}),
    // Each change keeps its upstreamError; the gaps say each cause once, with its count.
    gaps: gapsByCause(gaps),
  };
}

/** The evaluator is the installed nix's: without one, `--installable` cannot be answered (exit 3). */
async function startImpact(
  req: ImpactRequest,
  files: Files,
  evaluator: (() => InstallableEvaluator | undefined) | undefined,
): Promise<Awaited<ReturnType<typeof import("./impact.js").evaluateImpact>>> {
  const e = evaluator?.();
  if (e === undefined)
    throw new InputError([
      {
        origin: "--installable",
        pointer: "",
        message: "nix is needed to evaluate installables, and none is available to this run",
        next: "install nix (2.8 or later) and run again, or leave out --installable",
      },
    ]);
  const { evaluateImpact } = await import("./impact.js");
  return evaluateImpact(req, e, files);
}

/**
 * A side's lock file as the report names it, hashed when a renderer reads the hash: text and
 * Markdown do not, and hashing loads node:crypto (a tenth of a small diff's time).
 */
const subject = (file: FileText): { readonly source: string; readonly sha256: string } => ({
  source: file.displayPath,
  get sha256() {
    return file.sha256;
  },
});

/** The two closures' difference; their readers (zod's path-info parser) load only for closures. */
async function closureDiff(oldFile: string, newFile: string, files: Files, nix: () => NixStore) {
  const { readClosure } = await import("./read-closure.js");
  return diffClosures(
    (await readClosure({ file: oldFile }, files, nix)).closure,
    (await readClosure({ file: newFile }, files, nix)).closure,
  );
}
