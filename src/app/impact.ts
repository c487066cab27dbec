import { compareInstallable } from "../domain/impact/compare.js";
import { type ImpactPolicy, impactFindings } from "../domain/impact/findings.js";
import type { Finding } from "../domain/findings.js";
import { failedSideText, type ImpactSection, type InstallableResult } from "../domain/impact/model.js";
import type { MetaIndex } from "../domain/packages/model.js";
import type { Gap } from "../domain/report.js";
import { parseMeta } from "../ingest/meta/meta.js";
import { InputError } from "./errors.js";
import type { InstallableEvaluation, InstallableEvaluator } from "./installable-ports.js";
import type { Files } from "./ports.js";

/** What to evaluate at both sides of a lock change. */
export interface ImpactRequest {
  readonly installables: readonly string[];
  /** A directory inside the repository (the lock's), and the flake's directory from its root. */
  readonly repoDir: string;
  readonly flakeDir: string;
  /** The two revisions as the user wrote them. */
  readonly old: string;
  readonly new: string;
  /** How many evaluations may run at once (the two sides are the two evaluations). */
  readonly jobs: number;
  readonly timeoutMs: number;
  /** nixpkgs meta files of each side (`nix-env -qa --json --meta --out-path`), for licence changes. */
  readonly meta?: { readonly old: string; readonly new: string };
  /** A check policy (JSON/YAML): its allowedLicenses and requiredPackages gate the impact. */
  readonly policy?: string;
  readonly signal?: AbortSignal;
  readonly progress?: (message: string) => void;
}

/** The error nix gave at one side, bounded: a report line, not a log. */
const MAX_ERROR = 2000;
const bounded = (s: string): string => (s.length > MAX_ERROR ? `${s.slice(0, MAX_ERROR)}… (cut)` : s);

export const LICENCE_OPTIONS = ["--meta-old", "--meta-new"] as const;

async function readMeta(files: Files, file: string): Promise<MetaIndex> {
  const text = await files.readText(file);
  const parsed = parseMeta(text.text, text.displayPath);
  if (!parsed.ok) throw new InputError(parsed.error);
  return parsed.value;
}

async function readImpactPolicy(files: Files, file: string): Promise<ImpactPolicy> {
  const text = await files.readText(file);
  const { parsePolicy } = await import("../ingest/policy/policy.js");
  const parsed = parsePolicy(text.text, text.displayPath);
  if (!parsed.ok) throw new InputError(parsed.error);
  const p = parsed.value;
  return {
    ...(p.defaults.allowedLicenses !== undefined ? { allowedLicenses: p.defaults.allowedLicenses } : {}),
    ...(p.requiredPackages !== undefined ? { requiredPackages: p.requiredPackages } : {}),
  };
}

/** Runs tasks with at most `limit` at once, keeping their results in order. */
async function limited<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < tasks.length; i = next++) {
      const task = tasks[i];
      if (task !== undefined) out[i] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return out;
}

function resultOf(
  installable: string,
  a: InstallableEvaluation | undefined,
  b: InstallableEvaluation | undefined,
  meta: { readonly old: MetaIndex; readonly new: MetaIndex } | undefined,
): InstallableResult {
  const missing = (side: string): string => `the evaluator returned nothing for it at the ${side} side`;
  if (a?.ok === true && b?.ok === true)
    return compareInstallable({ installable, old: a.derivations, new: b.derivations, ...(meta ? { meta } : {}) });
  const errA = a === undefined ? missing("old") : a.ok ? undefined : a.error;
  const errB = b === undefined ? missing("new") : b.ok ? undefined : b.error;
  const side = errA !== undefined && errB !== undefined ? "both" : errA !== undefined ? "old" : "new";
  // Each side cut on its own and named, so that a long error at the base cannot hide the head's.
  const error =
    errA !== undefined && errB !== undefined && errA !== errB
      ? `base: ${bounded(errA)}\nhead: ${bounded(errB)}`
      : bounded(errA ?? errB ?? "");
  return { installable, status: "failed", side, error };
}

/**
 * Evaluates the installables at both revisions through the port (the two sides at once when
 * `jobs` allows) and compares each installable's closures. An installable that fails on a side is
 * a result of its own and a gap (the run is incomplete); a missing meta file is a gap that names
 * the options, which leaves the run complete: leaving data out is a choice.
 */
export async function evaluateImpact(
  req: ImpactRequest,
  evaluator: InstallableEvaluator,
  files: Files,
): Promise<{ readonly section: ImpactSection; readonly gaps: readonly Gap[]; readonly findings: readonly Finding[] }> {
  const policy = req.policy !== undefined ? await readImpactPolicy(files, req.policy) : {};
  const meta =
    req.meta !== undefined
      ? { old: await readMeta(files, req.meta.old), new: await readMeta(files, req.meta.new) }
      : undefined;
  const side = (rev: string, label: string) => () => {
    req.progress?.(`evaluating ${req.installables.length} installable(s) at ${label} (${rev})…`);
    return evaluator.evaluate({
      repoDir: req.repoDir,
      rev,
      flakeDir: req.flakeDir,
      installables: req.installables,
      timeoutMs: req.timeoutMs,
      ...(req.signal !== undefined ? { signal: req.signal } : {}),
      ...(req.progress !== undefined ? { progress: req.progress } : {}),
    });
  };
  const [olds, news] = await limited([side(req.old, "base"), side(req.new, "head")], req.jobs);
  const find = (list: readonly InstallableEvaluation[] | undefined, i: string) =>
    list?.find((e) => e.installable === i);
  const installables = req.installables.map((i) => resultOf(i, find(olds, i), find(news, i), meta));
  req.progress?.("compared");
  const gaps: Gap[] = installables.flatMap((r) =>
    r.status === "failed"
      ? [
          {
            input: r.installable,
            reason: `could not evaluate at the ${failedSideText(r.side)}: ${r.error}`,
          },
        ]
      : [],
  );
  const section: ImpactSection = {
    old: req.old,
    new: req.new,
    installables,
    ...(meta === undefined
      ? { licenceGap: { reason: "licence changes need nixpkgs meta of both sides", options: [...LICENCE_OPTIONS] } }
      : {}),
  };
  return { section, gaps, findings: impactFindings(section, policy) };
}
