import { analyseFleet, type FleetPlan, type HostOutcome, type KnownLock } from "../domain/fleet/analyse.js";
import type { FleetReport } from "../domain/fleet/report.js";
import { signatureChecker } from "../domain/fleet/signatures.js";
import { parseTrustedKey, type TrustedKey } from "../domain/fleet/trusted-key.js";
import type { Closure } from "../domain/closure/closure.js";
import { compareStrings } from "../domain/lock/input-path.js";
import { buildInventory } from "../domain/lock/inventory.js";
import type { SubjectFile, ToolInfo } from "../domain/report.js";
import { parseFleetFile } from "../ingest/fleet/fleet-file.js";
import type { FleetFileData, FleetHostData } from "../ingest/fleet/fleet-file.schema.js";
import { parsePathInfo } from "../ingest/closure/path-info.js";
import { InputError } from "./errors.js";
import { FleetTooLarge, pathBudget, tooLargeError } from "./fleet-budget.js";
import { readStoreHost, reportReader } from "./fleet-collect.js";
import type { HostStores, ReportFiles, VerifySignature } from "./fleet-ports.js";
import type { Files } from "./ports.js";
import { readLock } from "./read-lock.js";

export interface FleetRequest {
  readonly fleetPath?: string;
  readonly reportsDir?: string;
  readonly jobs: number;
  readonly timeoutMs: number;
  readonly tool: ToolInfo;
  /** Store-path entries of distinct closures one run may hold (default MAX_FLEET_PATHS). */
  readonly maxPaths?: number;
  /** Failing paths listed per host (all are counted). */
  readonly examples?: number;
}

export interface FleetDeps {
  readonly files: Files;
  readonly stores: HostStores;
  readonly reports: ReportFiles;
  readonly verify: VerifySignature;
  /** Runs tasks with at most `limit` in flight. */
  readonly pool: (tasks: ReadonlyArray<() => Promise<void>>, limit: number) => Promise<void>;
  /** Says something on stderr that does not change the report (e.g. a trusted key name given twice). */
  readonly warn?: (message: string) => void;
}

/** `dir/rel` for a path relative to the fleet file; absolute paths stay. */
export const besideFile = (file: string, rel: string): string => {
  if (rel.startsWith("/")) return rel;
  const slash = file.lastIndexOf("/");
  return slash < 0 ? rel : `${file.slice(0, slash + 1)}${rel}`;
};

async function knownLocks(fleet: FleetFileData | undefined, fleetPath: string, files: Files) {
  const locks: KnownLock[] = [];
  let approvedLock: (SubjectFile & { nixpkgsRev?: string }) | undefined;
  const lockPaths = [
    ...(fleet?.approved?.lock !== undefined ? [{ path: fleet.approved.lock, approved: true }] : []),
    ...(fleet?.approved?.previousLocks ?? []).map((path) => ({ path, approved: false })),
  ];
  for (const l of lockPaths) {
    const read = await readLock(files, besideFile(fleetPath, l.path));
    const inventory = buildInventory(read.graph);
    locks.push({ label: read.file.displayPath, inventory, approved: l.approved });
    if (l.approved) {
      const rev = inventory.inputs.find((i) => i.id === "nixpkgs")?.locked.rev;
      approvedLock = {
        path: read.file.displayPath,
        sha256: read.file.sha256,
        ...(rev !== undefined ? { nixpkgsRev: rev } : {}),
      };
    }
  }
  return { locks, approvedLock };
}

/** The trusted keys; of two with one name only the first, as Nix keeps it, with a warning. */
function trustedKeysOf(fleet: FleetFileData | undefined, warn: (message: string) => void): TrustedKey[] {
  const keys: TrustedKey[] = [];
  for (const k of fleet?.trustedKeys ?? []) {
    const parsed = parseTrustedKey(k);
    if (!parsed.ok) continue;
    if (keys.some((x) => x.name === parsed.value.name))
      warn(
        `trustedKeys names '${parsed.value.name}' more than once: as Nix does, only the first key of that name verifies signatures`,
      );
    else keys.push(parsed.value);
  }
  return keys;
}

/** Closures of approved systems: from a host that runs one, else from this machine's store. */
async function approvedClosures(
  plan: Pick<FleetPlan, "approvedSystems">,
  outcomes: readonly HostOutcome[],
  deps: FleetDeps,
  timeoutMs: number,
) {
  const out = new Map<string, Closure>();
  for (const { system } of plan.approvedSystems) {
    if (out.has(system)) continue;
    const running = outcomes.find((o) => !("failure" in o) && o.system === system);
    if (running !== undefined && !("failure" in running)) {
      out.set(system, running.closure);
      continue;
    }
    try {
      const text = await deps.stores.closure("auto", system, timeoutMs);
      const parsed = parsePathInfo(text.text, text.origin);
      if (parsed.ok) out.set(system, parsed.value);
    } catch (e) {
      if (!(e instanceof InputError)) throw e; // not in this store either: drift is reported without a diff
    }
  }
  return out;
}

/** The report, and what it was made from (for one SBOM per host). */
export interface FleetRun {
  readonly report: FleetReport;
  readonly outcomes: readonly HostOutcome[];
  readonly approved?: KnownLock;
}

/** Reads every host (store or report) with bounded concurrency and joins them with what was approved. */
export async function fleetUseCase(req: FleetRequest, deps: FleetDeps): Promise<FleetRun> {
  const file = req.fleetPath !== undefined ? await deps.files.readText(req.fleetPath) : undefined;
  let fleet: FleetFileData | undefined;
  if (file !== undefined) {
    const parsed = parseFleetFile(file.text, file.displayPath);
    if (!parsed.ok) throw new InputError(parsed.error);
    fleet = parsed.value;
  }
  const fleetPath = file?.displayPath ?? "";
  const { locks, approvedLock } = await knownLocks(fleet, fleetPath, deps.files);
  const budget = pathBudget(req.maxPaths);
  const readReport = reportReader(deps.reports, budget);
  const outcomes: HostOutcome[] = [];
  const tasks: Array<() => Promise<void>> = (fleet?.hosts ?? []).map((h: FleetHostData) => async () => {
    const timeoutMs = (h.timeoutSeconds ?? 0) * 1000 || req.timeoutMs;
    // A host's own timeoutSeconds bounds its report read too; without one the adapter's --timeout does.
    const own = h.timeoutSeconds ? { ms: timeoutMs, setting: "the host's timeoutSeconds" } : undefined;
    if (h.store !== undefined)
      outcomes.push(await readStoreHost({ ...h, store: h.store }, deps.stores, timeoutMs, budget));
    else if (h.report !== undefined) outcomes.push(await readReport(besideFile(fleetPath, h.report), h.name, own));
  });
  if (req.reportsDir !== undefined)
    for (const f of await deps.reports.list(req.reportsDir))
      tasks.push(async () => void outcomes.push(await readReport(f)));
  try {
    await deps.pool(tasks, Math.max(1, req.jobs));
  } catch (e) {
    if (e instanceof FleetTooLarge) throw tooLargeError(e, req.maxPaths);
    throw e;
  }
  const hosts = flagDuplicateNames(outcomes);
  const keys = trustedKeysOf(fleet, deps.warn ?? (() => undefined));
  const approvedSystems = Object.entries(fleet?.approved?.systems ?? {}).map(([glob, system]) => ({ glob, system }));
  const plan: FleetPlan = {
    locks,
    approvedSystems,
    checker: signatureChecker(keys, deps.verify),
    approvedClosures: await approvedClosures({ approvedSystems }, hosts, deps, req.timeoutMs),
    examples: req.examples ?? 20,
  };
  const analysis = analyseFleet(hosts, plan);
  const approved = locks.find((l) => l.approved);
  const report: FleetReport = {
    schemaVersion: 1,
    tool: req.tool,
    ...(file !== undefined ? { fleetFile: { path: file.displayPath, sha256: file.sha256 } } : {}),
    ...(approvedLock !== undefined ? { approvedLock } : {}),
    trustedKeys: keys.map((k) => k.name),
    ...analysis,
  };
  return { report, outcomes: hosts, ...(approved !== undefined ? { approved } : {}) };
}

/**
 * Two sources (reports, or a report and a fleet-file host) for one host name: neither can be believed
 * (a compromised host can write a report under another's name), so that name becomes one host that
 * was not read, naming every source; the rest of the fleet is reported.
 */
export function flagDuplicateNames(outcomes: readonly HostOutcome[]): HostOutcome[] {
  const where = (x: HostOutcome): string => (x.source.kind === "report" ? x.source.file : x.source.store);
  const byName = new Map<string, HostOutcome[]>();
  for (const o of outcomes) byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
  const out: HostOutcome[] = [];
  for (const [name, all] of byName) {
    const first = all[0];
    if (first === undefined) continue;
    if (all.length === 1) {
      out.push(first);
      continue;
    }
    // Hosts finish in any order; the message must not depend on it.
    const sources = all.map(where).sort(compareStrings);
    const head = all.find((o) => where(o) === sources[0]) ?? first;
    out.push({
      name,
      source: head.source,
      failure: `host name '${name}' is claimed by ${sources.join(" and ")}; none of them is used: give every host one source`,
    });
  }
  return out;
}
