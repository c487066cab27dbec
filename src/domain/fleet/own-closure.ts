import type { HostOutcome } from "./host-outcome.js";

/**
 * A system is in its own closure (`nix path-info -r` always lists it). A report whose closure does not
 * hold the system it claims (empty, or another system's) shows nothing about what the host runs: it is
 * a host that was not read, saying so, rather than "approved". A previous generation whose closure does
 * not hold it gives no rollback diff.
 */
export function checkOwnClosure(o: HostOutcome): HostOutcome {
  if ("failure" in o) return o;
  if (o.closure.infos.get(o.system) === undefined)
    return {
      name: o.name,
      source: o.source,
      failure: `its closure (${o.closure.list.length} paths) does not contain the system it names, ${o.system}: it does not show what the host runs`,
    };
  if (o.previous !== undefined && o.previous.closure.infos.get(o.previous.system) === undefined) {
    const { previous: _dropped, ...rest } = o;
    return rest;
  }
  return o;
}
