import type { ClosureDiff } from "./closure-diff.js";
import type { Finding } from "../findings.js";
import type { InputChange } from "./input-change.js";
import type { Reachability, SignatureState, UpstreamErrorKind } from "../provenance/upstream-facts.js";
import type { Gap, ToolInfo } from "../report.js";
import type { ImpactSection } from "../impact/model.js";

/** One commit between the old and the new rev. */
export interface ComparedCommit {
  readonly sha: string;
  readonly headline: string;
  readonly author?: string;
  /** ISO 8601. */
  readonly date: string;
  readonly url: string;
}

/** GitHub's comparison of old...new for one input. */
export interface CompareFacts {
  readonly status: "ahead" | "behind" | "diverged" | "identical";
  readonly aheadBy: number;
  readonly behindBy: number;
  readonly totalCommits: number;
  /** Oldest first, at most the cap; `totalCommits` says how many there are. */
  readonly commits: readonly ComparedCommit[];
  readonly compareUrl: string;
  readonly mergeBase?: string;
}

/** A compare to ask for: the same repository at two revs. */
export interface CompareTarget {
  readonly host: string;
  readonly owner: string;
  readonly repo: string;
  readonly base: string;
  readonly head: string;
}

export const compareKey = (t: CompareTarget): string =>
  `${t.host}/${t.owner}/${t.repo}/${t.base}...${t.head}`.toLowerCase();

export interface UpstreamChange extends CompareFacts {
  /** Whether the new rev is on the ref the input follows, and its signature (from the provenance resolver). */
  readonly newRevReachable?: Reachability;
  readonly newRevSignature?: SignatureState;
}

export interface DiffChange extends InputChange {
  readonly upstream?: UpstreamChange;
  readonly upstreamError?: { readonly error: UpstreamErrorKind; readonly message: string };
  /** Days: the old pin's age, the new pin's age (at the report's time) and the time between them. */
  readonly age?: { readonly oldDays?: number; readonly newDays?: number; readonly betweenDays?: number };
}

export interface DiffReport {
  readonly schemaVersion: 1;
  readonly tool: ToolInfo;
  /** When the report was made (the injected clock); ages count to it. */
  readonly evaluatedAt: string;
  readonly old: { readonly source: string; readonly sha256: string };
  readonly new: { readonly source: string; readonly sha256: string };
  /** True with --lock-only: no upstream facts were asked for. */
  readonly lockOnly: boolean;
  readonly offline: boolean;
  readonly changes: readonly DiffChange[];
  readonly unchangedCount: number;
  readonly findings: readonly Finding[];
  readonly closure?: ClosureDiff;
  /** With --installable: what the lock change does to each installable's packages. */
  readonly impact?: ImpactSection;
  readonly gaps: readonly Gap[];
}
