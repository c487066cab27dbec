import type { HostObservation } from "../domain/fleet/analyse.js";
import type { HostEntry } from "../domain/fleet/report.js";
import { closureRoots } from "../domain/closure/closure.js";
import type { LockInventory } from "../domain/lock/inventory.js";
import { formatStorePath } from "../domain/nix/store-path.js";
import type { ToolInfo } from "../domain/report.js";
import type { SbomModel } from "../domain/sbom-model.js";
import type { FleetRun } from "./fleet.js";

/** The approved lock's inputs whose sources are in the closure, with dependencies among them only. */
function inputsIn(inventory: LockInventory, host: HostObservation): LockInventory {
  const kept = inventory.inputs.filter(
    (i) => i.storePath !== undefined && host.closure.infos.has(formatStorePath(i.storePath)),
  );
  const ids = new Set(kept.map((i) => i.id));
  return {
    ...inventory,
    inputs: kept.map((i) => ({ ...i, dependsOn: i.dependsOn.filter((d) => ids.has(d)) })),
    rootDependsOn: inventory.rootDependsOn.filter((d) => ids.has(d)),
  };
}

const hostProperties = (h: HostEntry): Array<readonly [string, string]> => [
  ["flake-audit:host", h.name],
  ["flake-audit:host:source", h.source.kind === "store" ? h.source.store : h.source.file],
  ...(h.system !== undefined ? [["flake-audit:host:system", h.system] as const] : []),
  ...(h.generation !== undefined ? [["flake-audit:host:generation", String(h.generation)] as const] : []),
  ["flake-audit:host:approved", String(h.approved)],
];

/** One SBOM model per host that was read: its closure, the approved lock's inputs it contains, host metadata. */
export function fleetSbomModels(run: FleetRun, tool: ToolInfo): Array<{ host: string; model: SbomModel }> {
  const out: Array<{ host: string; model: SbomModel }> = [];
  for (const o of run.outcomes) {
    const entry = run.report.hosts.find((h) => h.name === o.name);
    if ("failure" in o || entry === undefined) continue;
    const lock = run.report.approvedLock;
    out.push({
      host: o.name,
      model: {
        tool,
        flakeName: o.name,
        ...(lock !== undefined ? { lockFile: { path: lock.path, sha256: lock.sha256 } } : {}),
        ...(run.approved !== undefined ? { inventory: inputsIn(run.approved.inventory, o) } : {}),
        closure: {
          data: o.closure,
          roots: closureRoots(o.closure),
          origin: o.source.kind === "store" ? o.source.store : o.source.file,
        },
        reproducible: true,
        gaps: [],
        properties: hostProperties(entry),
      },
    });
  }
  return out.sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
}
