import { previousGeneration, systemFromProfile, type HostSystem } from "../domain/fleet/generations.js";
import type { HostReport } from "../domain/fleet/host-report.js";
import type { ToolInfo } from "../domain/report.js";
import { parsePathInfo } from "../ingest/closure/path-info.js";
import { InputError } from "./errors.js";
import type { HostStores } from "./fleet-ports.js";

export interface HostReportRequest {
  readonly host: string;
  /** The store to read (default: this machine's, as nix finds it). */
  readonly store?: string;
  readonly profile: string;
  /** The running-system link, read when no profile was named. */
  readonly running?: string;
  /** The system path, instead of reading the profile. */
  readonly system?: string;
  readonly previous: boolean;
  readonly timeoutMs: number;
  readonly tool: ToolInfo;
  readonly collectedAt?: string;
}

const problem = (origin: string, message: string, next: string): InputError =>
  new InputError([{ origin, pointer: "", message, next }]);

async function closureJson(stores: HostStores, req: HostReportRequest, path: string): Promise<string> {
  const out = await stores.closure(req.store ?? "auto", path, req.timeoutMs);
  const parsed = parsePathInfo(out.text, out.origin);
  if (!parsed.ok) throw new InputError(parsed.error);
  return out.text.trim();
}

/** Reads this host's profile and closure with the local nix: no network, nothing but this machine. */
export async function hostReportUseCase(req: HostReportRequest, stores: HostStores): Promise<HostReport> {
  let hs: HostSystem | undefined;
  if (req.system !== undefined) hs = { system: req.system, generations: [] };
  else {
    const listing = await stores.profile(
      { kind: "local", profile: req.profile, ...(req.running !== undefined ? { running: req.running } : {}) },
      req.timeoutMs,
    );
    hs = systemFromProfile(listing);
  }
  if (hs === undefined)
    throw problem(req.profile, "no system profile here", "name the profile with --profile or the system with --system");
  const prev = req.previous ? previousGeneration(hs) : undefined;
  const previous =
    prev !== undefined && prev.path !== hs.system
      ? await closureJson(stores, req, prev.path).then(
          (json) => ({ system: prev.path, closureJson: json }),
          () => undefined, // garbage-collected: no rollback diff
        )
      : undefined;
  return {
    tool: req.tool,
    host: req.host,
    ...(req.collectedAt !== undefined ? { collectedAt: req.collectedAt } : {}),
    system: hs.system,
    ...(hs.generation !== undefined ? { generation: hs.generation } : {}),
    generations: hs.generations,
    closureJson: await closureJson(stores, req, hs.system),
    ...(previous !== undefined ? { previous } : {}),
  };
}
