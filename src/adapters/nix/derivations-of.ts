import { InputError } from "../../app/errors.js";
import type { CommandOutput } from "../../app/ports.js";

const NEXT = "record the derivations with `nix derivation show -r` yourself and pass the file with --derivations";

/** Runs nix with these arguments (nix-cli.ts's runner: timeout, output bound, errors as InputError). */
type Run = (args: string[], what: string) => Promise<{ stdout: string }>;

// A command line stays well under Linux's ARG_MAX (2 MiB) and its 128 KiB per-argument bound.
const BATCH = 2000;

/**
 * The derivations of several .drv paths and everything they depend on, as one JSON object:
 * `nix show-derivation -r` (Nix ≤ 2.14) or `nix derivation show -r` (2.15+), the paths after `--`
 * so that none can be read as an option. Batches of BATCH paths are merged (their keys are .drv
 * paths, so objects merge without conflict); a 2.33+ `{version, derivations}` document keeps its
 * wrapper. The caller has checked every path is a .drv store path of the closure's store.
 */
export async function derivationsOf(
  run: Run,
  legacy: boolean,
  versionText: string,
  drvPaths: readonly string[],
): Promise<CommandOutput> {
  const command = legacy ? ["show-derivation", "-r"] : ["derivation", "show", "-r"];
  const origin = `nix ${command[0]} (${versionText})`;
  if (drvPaths.length <= BATCH) {
    const r = await run([...command, "--", ...drvPaths], `nix ${command.join(" ")} (${drvPaths.length} derivations)`);
    return { origin, text: r.stdout };
  }
  let merged: Record<string, unknown> = {};
  let wrapper: Record<string, unknown> | undefined;
  for (let i = 0; i < drvPaths.length; i += BATCH) {
    const batch = drvPaths.slice(i, i + BATCH);
    const r = await run([...command, "--", ...batch], `nix ${command.join(" ")} (${batch.length} derivations)`);
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(r.stdout) as Record<string, unknown>;
    } catch (e) {
      throw new InputError([
        { origin, pointer: "", message: `nix printed derivation JSON that does not parse: ${String(e)}`, next: NEXT },
      ]);
    }
    const inner = doc["derivations"];
    if (typeof doc["version"] === "number" && typeof inner === "object" && inner !== null) {
      wrapper = doc;
      merged = { ...merged, ...(inner as Record<string, unknown>) };
    } else merged = { ...merged, ...doc };
  }
  const text = JSON.stringify(wrapper !== undefined ? { ...wrapper, derivations: merged } : merged);
  return { origin, text };
}
