import type { Closure } from "../closure/closure.js";
import { compareStrings } from "../lock/input-path.js";
import type { LockedInput } from "../lock/inventory.js";
import { formatStorePath } from "../nix/store-path.js";
import { isoDateTime } from "../time.js";
import type { KnownLock } from "./plan.js";
import type { InputOnHost } from "./report.js";

/** Whether a locked input is a nixpkgs: named so, or a forge repository called nixpkgs. */
export const isNixpkgs = (i: LockedInput): boolean =>
  i.id === "nixpkgs" || ("repo" in i.locked && i.locked.repo === "nixpkgs");

/**
 * The locked inputs whose source store path (computed from the narHash) is in the closure: a
 * flake-built NixOS system registers its nixpkgs source, and builds embed the sources they refer to.
 */
export function inputsInClosure(closure: Closure, locks: readonly KnownLock[]): InputOnHost[] {
  const found = new Map<string, InputOnHost>();
  for (const lock of locks) {
    for (const input of lock.inventory.inputs) {
      if (input.storePath === undefined) continue;
      const storePath = formatStorePath(input.storePath);
      if (!closure.infos.has(storePath) || found.has(storePath)) continue;
      found.set(storePath, {
        input: input.id,
        ...(input.locked.rev !== undefined ? { rev: input.locked.rev } : {}),
        ...(input.locked.lastModified !== undefined ? { lastModified: isoDateTime(input.locked.lastModified) } : {}),
        storePath,
        lock: lock.label,
        approved: lock.approved,
      });
    }
  }
  return [...found.values()].sort(
    (a, b) => compareStrings(a.input, b.input) || compareStrings(a.storePath, b.storePath),
  );
}

/** The approved lock's nixpkgs, and every nixpkgs source path that an older known lock pins. */
export function nixpkgsPins(locks: readonly KnownLock[]): { approved?: LockedInput; paths: ReadonlySet<string> } {
  const approved = locks.find((l) => l.approved)?.inventory.inputs.find(isNixpkgs);
  const paths = new Set<string>();
  for (const l of locks)
    for (const i of l.inventory.inputs)
      if (isNixpkgs(i) && i.storePath !== undefined) paths.add(formatStorePath(i.storePath));
  return { ...(approved !== undefined ? { approved } : {}), paths };
}
