import { RULES, severityRank, type Finding, type RuleId, type Severity } from "../domain/findings.js";
import { compareStrings } from "../domain/lock/input-path.js";

/** What the grouping reads of a finding: its rule, severity, input and, for check, its place. */
export type Groupable = Finding & {
  readonly via?: string | undefined;
  readonly paths?: readonly string[] | undefined;
  readonly follows?: { readonly path: readonly string[]; readonly target: string } | undefined;
};

/** The findings of one rule brought in by one root input: its own first, then its transitive inputs'. */
export interface RootGroup<F extends Groupable> {
  readonly root: string;
  readonly own: readonly F[];
  readonly transitive: readonly F[];
}

/** Every finding of one rule at one severity, which a report explains once. */
export interface RuleGroup<F extends Groupable> {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly why: string;
  readonly fix: string;
  readonly count: number;
  readonly roots: readonly RootGroup<F>[];
}

/**
 * The root input that brings a finding's input in: `via` when check placed it, else the first
 * segment of the input path (resolve's ids are formatted input paths). A package of a closure
 * (check places it on no input path) is its own root: its id is a store path, not an input path.
 */
const rootOf = (f: Groupable): string =>
  f.paths?.length === 0 ? f.input : (f.via ?? f.input.split("/")[0] ?? f.input);

function byRoot<F extends Groupable>(findings: readonly F[]): RootGroup<F>[] {
  const roots = new Map<string, { own: F[]; transitive: F[] }>();
  for (const f of findings) {
    const root = rootOf(f);
    const g = roots.get(root) ?? { own: [], transitive: [] };
    (f.input === root ? g.own : g.transitive).push(f);
    roots.set(root, g);
  }
  return [...roots.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([root, g]) => ({
      root,
      own: g.own,
      transitive: g.transitive.sort((a, b) => compareStrings(a.input, b.input)),
    }));
}

/** Findings grouped by rule (worst severity first, then rule id), each group by root input. */
export function groupFindings<F extends Groupable>(findings: readonly F[]): RuleGroup<F>[] {
  const groups = new Map<string, { readonly rule: RuleId; readonly severity: Severity; readonly list: F[] }>();
  for (const f of findings) {
    const key = `${f.severity} ${f.rule}`;
    const g = groups.get(key) ?? { rule: f.rule, severity: f.severity, list: [] };
    g.list.push(f);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map(
      ({ rule, severity, list }): RuleGroup<F> => ({
        rule,
        severity,
        why: RULES[rule].why,
        fix: RULES[rule].fix,
        count: list.length,
        roots: byRoot(list),
      }),
    )
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || compareStrings(a.rule, b.rule));
}

const NIX_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_'-]*$/;
const nixString = (s: string): string => `"${s.replace(/[\\"]/g, "\\$&").replace(/\$\{/g, "\\${")}"`;
const nixAttr = (s: string): string => (NIX_IDENTIFIER.test(s) ? s : nixString(s));

/** The flake.nix line of a follows fix: `inputs.hyprland.inputs.nixpkgs.follows = "nixpkgs";`. */
export const followsLine = (fix: { readonly path: readonly string[]; readonly target: string }): string =>
  `inputs.${fix.path.map(nixAttr).join(".inputs.")}.follows = ${nixString(fix.target)};`;

/** Input paths other than the finding's own, by which its source is also reached. */
export const otherPaths = (f: Groupable): readonly string[] => (f.paths ?? []).filter((p) => p !== f.input);
