import type { RuleId } from "../findings.js";
import { formatInputPath, type InputPath } from "../lock/input-path.js";
import type { LockedInput, LockInventory } from "../lock/inventory.js";
import { isNixpkgs, repositoryOf } from "./lock-rules.js";

/** A `follows` in flake.nix that would replace a transitive input with one of the root flake's own. */
export interface FollowsFix {
  /** The input path to override, from the root: `["hyprland", "nixpkgs"]`. */
  readonly path: readonly string[];
  /** The root input it should follow: `nixpkgs`. */
  readonly target: string;
}

/** Where a finding sits in the input tree: every path to its source, and how to fix it by a follows. */
export interface Placement {
  /** Every input path that reaches the locked source, formatted, primary first. */
  readonly paths: readonly string[];
  /** The root flake's input that brings a transitive input in (`hyprland` for `hyprland/nixpkgs`). */
  readonly via?: string;
  readonly follows?: FollowsFix;
}

// Rules a follows cannot settle: the allowance is about the policy, duplicates carry their own advice.
const NOT_BY_FOLLOWS: ReadonlySet<RuleId> = new Set<RuleId>(["allowlist-expired", "duplicate-sources"]);

/** What makes two sources interchangeable for a follows: the same repository, or both nixpkgs. */
const family = (i: LockedInput): string => (isNixpkgs(i) ? "nixpkgs" : repositoryOf(i));

/**
 * The root input a transitive one could follow: of the same family, not itself affected by the rule,
 * preferring the one named like the transitive input's own name.
 */
function followsTarget(
  i: LockedInput,
  rootInputs: readonly LockedInput[],
  affected: (rule: RuleId, input: string) => boolean,
  rule: RuleId,
): LockedInput | undefined {
  const key = family(i);
  if (key === "") return undefined;
  const fits = rootInputs.filter((r) => r !== i && family(r) === key && !affected(rule, r.id));
  const last = i.primaryPath[i.primaryPath.length - 1];
  return fits.find((r) => r.primaryPath[0] === last) ?? fits[0];
}

/**
 * Places findings in the input tree. `affected(rule, id)` says whether an input has a finding of the
 * rule: following an input that has the same problem would fix nothing.
 */
export function placer(
  inventory: LockInventory,
  affected: (rule: RuleId, input: string) => boolean,
): (rule: RuleId, input: LockedInput) => Placement {
  const rootInputs = inventory.inputs.filter((i) => i.primaryPath.length === 1);
  return (rule, i) => {
    const paths = i.paths.map(formatInputPath);
    const primary: InputPath = i.primaryPath;
    if (primary.length < 2) return { paths };
    const via = primary[0] ?? "";
    const target = NOT_BY_FOLLOWS.has(rule) ? undefined : followsTarget(i, rootInputs, affected, rule);
    return { paths, via, ...(target !== undefined ? { follows: { path: primary, target: target.id } } : {}) };
  };
}
