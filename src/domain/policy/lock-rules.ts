import { makeFinding, type Finding } from "../findings.js";
import { compareStrings, formatInputPath } from "../lock/input-path.js";
import type { LockedInput } from "../lock/inventory.js";
import { nameSource } from "../lock/source-name.js";
import { parseStorePath } from "../nix/store-path.js";
import { checkedByNarHashOnly, forgeHost, isRelativePath, pinningOf } from "../lock/source-ref.js";
import { isSupportedBranch, supportedBranchNames } from "./nixpkgs-branches.js";
import type { CheckRuleId, RuleSettings } from "./policy.js";

/** A finding of a rule `check` evaluates. */
export type CheckRuleFinding = Extract<Finding, { readonly rule: CheckRuleId }>;

const DAY = 86400;
const INSECURE = /^(?:http|git):\/\//i;

export const isNixpkgs = (i: LockedInput): boolean =>
  nameSource(i.locked).name === "nixpkgs" || /nixos\.org\/.*nixexprs/.test(String(i.locked.attrs["url"] ?? ""));

/** Where a source lives, whichever commit: `github:github.com/nixos/nixpkgs`, `git:<url>`; "" when not a repository. */
export const repositoryOf = (i: LockedInput): string => {
  const s = i.locked;
  return s.type === "github" || s.type === "gitlab" || s.type === "sourcehut"
    ? `${s.type}:${forgeHost(s)}/${s.owner}/${s.repo}`.toLowerCase()
    : s.type === "git" || s.type === "hg"
      ? `${s.type}:${s.url.split("?")[0]}`
      : "";
};

function stale(i: LockedInput, s: RuleSettings, now: Date): CheckRuleFinding[] {
  const lastModified = i.locked.lastModified;
  if (lastModified === undefined) return [];
  const threshold = isNixpkgs(i) ? "nixpkgsMaxAgeDays" : "maxAgeDays";
  const ageDays = Math.floor((now.getTime() / 1000 - lastModified) / DAY);
  return ageDays > s[threshold]
    ? [makeFinding("stale", i.id, { lastModified, ageDays, maxAgeDays: s[threshold], threshold })]
    : [];
}

function nixpkgsRules(i: LockedInput, s: RuleSettings, now: Date): CheckRuleFinding[] {
  if (!isNixpkgs(i)) return [];
  const out: CheckRuleFinding[] = [];
  const branch = i.original?.ref;
  if (branch !== undefined && !isSupportedBranch(branch, now, s.releases, s.rollingBranches))
    out.push(
      makeFinding("unsupported-branch", i.id, {
        branch,
        supported: supportedBranchNames(now, s.releases, s.rollingBranches),
      }),
    );
  const src = i.locked;
  if (src.type === "github" && src.owner.toLowerCase() !== "nixos")
    out.push(makeFinding("non-upstream-nixpkgs", i.id, { owner: src.owner, repo: src.repo }));
  return out;
}

/** The registry name of an indirect original (`nixpkgs`), if the input has one. */
const registryId = (i: LockedInput): string | undefined =>
  i.original?.type === "indirect" ? i.original.id : undefined;

/**
 * A path input inside the Nix store is no mutable local path: it is the copy a registry lookup (or
 * a `path:` flake) left on the locking machine, content-pinned by its narHash but fetchable nowhere.
 */
function storeCopy(i: LockedInput): CheckRuleFinding[] {
  const src = i.locked;
  if (src.type !== "path" || !parseStorePath(src.path).ok) return [];
  const id = registryId(i);
  return [makeFinding("registry-copy", i.id, { path: src.path, ...(id !== undefined ? { id } : {}) })];
}

/** A registry name locked to a commit: the next update re-resolves the name wherever it runs. */
function indirectOriginal(i: LockedInput): CheckRuleFinding[] {
  const id = registryId(i);
  const rev = i.locked.rev;
  // A store copy says so in its own finding, which names the registry too.
  if (id === undefined || rev === undefined || (i.locked.type === "path" && storeCopy(i).length > 0)) return [];
  return [makeFinding("indirect-original", i.id, { id, rev })];
}

function unlocked(i: LockedInput): CheckRuleFinding[] {
  const src = i.locked;
  const pin = pinningOf(src);
  const out: CheckRuleFinding[] = [];
  if (pin === "unlocked") out.push(makeFinding("unlocked", i.id, { why: "no-rev-or-narhash" }));
  else if (pin === "rev-only") out.push(makeFinding("unlocked", i.id, { why: "rev-without-narhash" }));
  else if (checkedByNarHashOnly(src)) out.push(makeFinding("unlocked", i.id, { why: "narhash-without-rev" }));
  else if (src.type === "path" && !isRelativePath(src) && !parseStorePath(src.path).ok)
    out.push(makeFinding("unlocked", i.id, { why: "local-path", path: src.path }));
  if (!i.isFlake && src.narHash === undefined && pin !== "relative")
    out.push(makeFinding("unlocked", i.id, { why: "non-flake-without-narhash" }));
  return out;
}

function insecureTransport(i: LockedInput): CheckRuleFinding[] {
  const urls = [i.locked.attrs["url"], i.original?.attrs["url"]].filter((u): u is string => typeof u === "string");
  const url = urls.find((u) => INSECURE.test(u));
  return url === undefined
    ? []
    : [makeFinding("insecure-transport", i.id, { url, scheme: url.slice(0, url.indexOf(":")) })];
}

/** The rules that need only the lock, for one input. */
export function lockRules(i: LockedInput, s: RuleSettings, now: Date): CheckRuleFinding[] {
  return [
    ...stale(i, s, now),
    ...nixpkgsRules(i, s, now),
    ...unlocked(i),
    ...storeCopy(i),
    ...indirectOriginal(i),
    ...insecureTransport(i),
  ];
}

/** The same repository locked at several revisions: one finding per repository, on its first input. */
export function duplicateSources(inputs: readonly LockedInput[]): CheckRuleFinding[] {
  const byRepo = new Map<string, LockedInput[]>();
  for (const i of inputs) {
    const repo = repositoryOf(i);
    if (repo !== "") byRepo.set(repo, [...(byRepo.get(repo) ?? []), i]);
  }
  const out: CheckRuleFinding[] = [];
  for (const [repo, list] of byRepo) {
    const revisions = [...new Set(list.map((i) => i.locked.rev ?? ""))].sort(compareStrings);
    const [first] = list;
    if (revisions.length < 2 || first === undefined) continue;
    out.push(
      makeFinding("duplicate-sources", first.id, {
        // After the type prefix: `github.com/nixos/nixpkgs`, or the whole git URL.
        repository: repo.slice(repo.indexOf(":") + 1),
        revisions,
        inputs: list.flatMap((i) => i.paths.map(formatInputPath)).sort(compareStrings),
        follow: first.id,
      }),
    );
  }
  return out;
}
