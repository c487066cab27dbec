import { derivationSet, type Derivation, type DerivationSet } from "../../domain/nix/derivation.js";
import { parseStorePath } from "../../domain/nix/store-path.js";
import type { RunResult } from "../subprocess.js";

/** The most of nix's error kept per installable; renderers escape it. */
export const MAX_ERROR_CHARS = 4000;

/**
 * nix's error for an installable, readable and deterministic: from its first `error:` line (the
 * warnings before it are nix's, not the installable's), the temporary checkout's paths replaced by
 * `replacements`' names, at most MAX_ERROR_CHARS.
 */
export function nixError(
  r: Exclude<RunResult, { kind: "ok" }>,
  timeoutMs: number,
  replacements: ReadonlyArray<readonly [string, string]>,
): string {
  if (r.kind === "timeout")
    return `nix did not finish evaluating within ${Math.round(timeoutMs / 1000)} s (raise --timeout, or evaluate fewer installables)`;
  if (r.kind === "too-much-output") return "nix printed more output than flake-audit reads";
  let text = r.stderr;
  const at = text.search(/^error:/m);
  if (at >= 0) text = text.slice(at);
  for (const [from, to] of replacements) text = text.split(from).join(to);
  text = text.trim();
  if (text === "") return `nix failed (exit status ${String(r.exitCode ?? "unknown")}) without a message`;
  return text.length <= MAX_ERROR_CHARS
    ? text
    : `${text.slice(0, MAX_ERROR_CHARS)} […${text.length - MAX_ERROR_CHARS} characters cut]`;
}

/** The one .drv path `nix path-info --derivation` printed for one installable, or why not. */
export function rootOf(stdout: string, storeDir: string): { drv: string } | { problem: string } {
  const lines = stdout.split("\n").filter((l) => l !== "");
  if (lines.length !== 1)
    return { problem: `nix named ${lines.length} derivations for one installable (an installable is one derivation)` };
  const drv = lines[0] ?? "";
  const p = parseStorePath(drv, storeDir);
  if (!p.ok || !drv.endsWith(".drv")) return { problem: "nix printed something other than a .drv store path" };
  return { drv };
}

/** The derivations `root` depends on, itself included, within `all` (which holds the union of several closures). */
export function closureWithin(all: DerivationSet, root: string): DerivationSet {
  const seen = new Set<string>([root]);
  const stack = [root];
  const out: Derivation[] = [];
  for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
    const d = all.byPath.get(p);
    if (d === undefined) continue;
    out.push(d);
    for (const input of d.inputDrvs.keys())
      if (!seen.has(input)) {
        seen.add(input);
        stack.push(input);
      }
  }
  return derivationSet(out);
}
