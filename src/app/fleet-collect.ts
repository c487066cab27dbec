import type { HostFailure, HostObservation, HostOutcome } from "../domain/fleet/analyse.js";
import { previousGeneration, systemFromProfile, type HostSystem } from "../domain/fleet/generations.js";
import { hostSystemProblem } from "../domain/fleet/host-paths.js";
import { storeDirOf } from "../domain/fleet/store-uri.js";
import type { Closure } from "../domain/closure/closure.js";
import type { FleetHostData } from "../ingest/fleet/fleet-file.schema.js";
import { parseHostReportHeader, parseReportClosure } from "../ingest/fleet/host-report.js";
import { parsePathInfo } from "../ingest/closure/path-info.js";
import type { InputIssue } from "../domain/input-issue.js";
import { InputError } from "./errors.js";
import { FleetTooLarge, type PathBudget } from "./fleet-budget.js";
import type { HostStores, ProfileLocation, ReadTimeout, ReportBytes, ReportFiles } from "./fleet-ports.js";

const DEFAULT_PROFILE = "/nix/var/nix/profiles/system";
const RUNNING = "/run/current-system";
const MAX_REASON = 2000;

/** The first issue as one line: `file:3:5 /pointer: message`. */
export function oneLine(issues: readonly InputIssue[]): string {
  const i = issues[0];
  if (i === undefined) return "invalid input";
  const at = i.position !== undefined ? `:${i.position.line}:${i.position.column}` : "";
  const line = `${i.origin}${at}${i.pointer !== "" ? ` ${i.pointer}` : ""}: ${i.message}`;
  // Whatever a host or report made the message say, a reason stays a few lines long.
  return line.length <= MAX_REASON
    ? line
    : `${line.slice(0, MAX_REASON)}… (${line.length - MAX_REASON} characters cut)`;
}

/** Where a store host's profile is: over ssh, under a local store's root, or on this machine. */
export function profileLocation(host: FleetHostData & { store: string }): ProfileLocation {
  if (/^ssh(-ng)?:\/\//.test(host.store))
    return {
      kind: "ssh",
      store: host.store,
      profile: host.profile ?? DEFAULT_PROFILE,
      ...(host.profile === undefined ? { running: RUNNING } : {}),
    };
  const root = /[?&]root=([^&]+)/.exec(host.store)?.[1];
  const under = root !== undefined ? decodeURIComponent(root).replace(/\/+$/, "") : "";
  return host.profile !== undefined
    ? { kind: "local", profile: host.profile }
    : { kind: "local", profile: `${under}${DEFAULT_PROFILE}`, running: `${under}${RUNNING}` };
}

async function closureOf(
  stores: HostStores,
  store: string,
  path: string,
  timeoutMs: number,
  budget?: PathBudget,
): Promise<Closure> {
  const out = await stores.closure(store, path, timeoutMs);
  const parsed = parsePathInfo(out.text, out.origin);
  if (!parsed.ok) throw new InputError(parsed.error);
  budget?.take(parsed.value.list.length, store);
  return parsed.value;
}

/** Reads one host from its store; a host that cannot be read becomes a HostFailure, never an exception. */
export async function readStoreHost(
  host: FleetHostData & { store: string },
  stores: HostStores,
  timeoutMs: number,
  budget?: PathBudget,
): Promise<HostOutcome> {
  const source = { kind: "store", store: host.store } as const;
  budget?.check(host.store);
  try {
    let hs: HostSystem | undefined;
    if (host.system !== undefined) hs = { system: host.system, generations: [] };
    else {
      const at = profileLocation(host);
      hs = systemFromProfile(await stores.profile(at, timeoutMs));
      if (hs === undefined) return { name: host.name, source, failure: `no system profile at ${at.profile}` };
    }
    // What a host answered reaches nix only as a store path of its own store.
    const notAStorePath = hostSystemProblem(hs, storeDirOf(host.store));
    if (notAStorePath !== undefined) return { name: host.name, source, failure: notAStorePath };
    const closure = await closureOf(stores, host.store, hs.system, timeoutMs, budget);
    const prev = previousGeneration(hs);
    // The previous generation may have been garbage-collected: then there is no rollback diff.
    const previous =
      prev !== undefined && prev.path !== hs.system
        ? await closureOf(stores, host.store, prev.path, timeoutMs, budget).then(
            (c) => ({ system: prev.path, closure: c }),
            (e: unknown) => {
              if (e instanceof FleetTooLarge) throw e;
              return undefined;
            },
          )
        : undefined;
    return {
      name: host.name,
      source,
      system: hs.system,
      ...(hs.generation !== undefined ? { generation: hs.generation } : {}),
      generations: hs.generations,
      closure,
      ...(previous !== undefined ? { previous } : {}),
    };
  } catch (e) {
    if (e instanceof InputError) return { name: host.name, source, failure: oneLine(e.issues) };
    throw e;
  }
}

/** Reads host reports; identical closure bytes are parsed once and shared. */
export function reportReader(files: ReportFiles, budget?: PathBudget) {
  const closures = new Map<string, Closure>();
  const closureFor = (r: ReportBytes): Closure => {
    const known = closures.get(r.closureId);
    if (known !== undefined) return known;
    const parsed = parseReportClosure(r.closureText(), r.origin);
    if (!parsed.ok) throw new InputError(parsed.error);
    budget?.take(parsed.value.list.length, r.origin);
    closures.set(r.closureId, parsed.value);
    return parsed.value;
  };
  return async (file: string, name?: string, timeout?: ReadTimeout): Promise<HostObservation | HostFailure> => {
    const source = { kind: "report", file } as const;
    const fallbackName = name ?? file.slice(file.lastIndexOf("/") + 1).replace(/\.json$/, "");
    budget?.check(file);
    try {
      const r = await files.read(file, timeout);
      const header = parseHostReportHeader(r.header, r.origin);
      if (!header.ok) throw new InputError(header.error);
      const h = header.value;
      if (h.previous !== undefined) budget?.take(h.previous.closure.list.length, r.origin);
      return {
        name: name ?? h.host,
        source,
        system: h.system,
        ...(h.generation !== undefined ? { generation: h.generation } : {}),
        generations: h.generations.map((g) => ({
          number: g.number,
          path: g.path,
          ...(g.date !== undefined ? { date: g.date } : {}),
        })),
        closure: h.closure ?? closureFor(r),
        ...(h.previous !== undefined ? { previous: h.previous } : {}),
      };
    } catch (e) {
      if (e instanceof InputError) return { name: fallbackName, source, failure: oneLine(e.issues) };
      throw e;
    }
  };
}
