import { closureRoots } from "../domain/closure/closure.js";
import type { DerivationSet } from "../domain/nix/derivation.js";
import { inputFacts } from "../domain/lock/input-facts.js";
import { buildInventory, type LockInventory } from "../domain/lock/inventory.js";
import type { Gap, ToolInfo } from "../domain/report.js";
import type { TraceGap, TraceReport } from "../domain/closure/trace-report.js";
import { parseStorePath, formatStorePath } from "../domain/nix/store-path.js";
import { traceStorePath, type TraceResult } from "../domain/closure/trace.js";
import { parseDerivations } from "../ingest/closure/derivation.js";
import { InputError } from "./errors.js";
import type { FileText, Files, NixStore } from "./ports.js";
import { readClosure, readDerivations, type ClosureRead, type ClosureSource } from "./read-closure.js";
import { readLock } from "./read-lock.js";
import type { Sha256 } from "../domain/nix/sha256.js";

export interface TraceRequest {
  readonly path: string;
  readonly lockPath: string;
  /** False when the lock path is the default: a missing ./flake.lock is then a note, not an error. */
  readonly lockExplicit: boolean;
  readonly closure?: ClosureSource;
  readonly derivationsPath?: string;
  readonly tool: ToolInfo;
  /** A faster SHA-256 for the inputs' store paths than the domain's own (the paths are the same). */
  readonly digest?: Sha256;
}

/** `/nix/store/<hash>-<name>/bin/x` → the store object `/nix/store/<hash>-<name>`. */
export function storeObjectOf(arg: string): string {
  const m = /^(.*?\/[0-9a-df-np-sv-z]{32}-[^/]+)(?:\/.*)?$/.exec(arg);
  return m?.[1] ?? arg;
}

async function maybeLock(req: TraceRequest, files: Files): Promise<{ inventory?: LockInventory; file?: FileText }> {
  try {
    const { file, graph } = await readLock(files, req.lockPath);
    return { inventory: buildInventory(graph, undefined, { digest: req.digest }), file };
  } catch (e) {
    const missing = e instanceof InputError && e.issues.length === 1 && e.issues[0]?.message === "no such file";
    if (req.lockExplicit || !missing) throw e;
    return {};
  }
}

/**
 * The gap an undecided answer leaves, naming the options that would decide it. A positive answer from
 * run-time references alone gets one too: the sources its build read may add inputs.
 */
function undecidedGap(req: TraceRequest, path: string, r: TraceResult, nixFailed: boolean): TraceGap | undefined {
  if (r.undecided === "lock")
    return {
      reason: `which locked input ${path} comes from: no ${req.lockPath} here to match against; pass --lock FILE`,
      options: ["--lock"],
    };
  if (r.undecided !== "derivations" || nixFailed) return undefined;
  const what =
    r.attribution === "build"
      ? `which other locked sources the build of ${path} read`
      : `whether ${path} was built from a locked input`;
  const ofNix = req.closure !== undefined && "of" in req.closure;
  const why =
    req.derivationsPath === undefined && !ofNix
      ? "no derivation data given; pass --closure-of (nix is asked for the closure and derivations), or --derivations FILE (`nix derivation show -r` output) with --closure FILE"
      : r.deriver === undefined
        ? "the closure data names no derivation that built it; pass --derivations FILE holding it"
        : `the derivations given do not include ${r.deriver}, the one that built it; --closure-of asks nix for it`;
  return { reason: `${what}: ${why}`, options: ["--closure-of", "--closure", "--derivations"] };
}

async function autoDerivations(
  closure: ClosureRead,
  path: string,
  nix: () => NixStore,
  gaps: Gap[],
): Promise<DerivationSet | undefined> {
  const deriver = path.endsWith(".drv") ? path : closure.closure.infos.get(path)?.deriver;
  if (deriver === undefined) return undefined;
  try {
    const out = await nix().derivationClosure(deriver);
    const parsed = parseDerivations(out.text, out.origin, closure.closure.storeDir);
    if (parsed.ok) return parsed.value;
    gaps.push({ reason: `nix printed derivation JSON flake-audit could not read: ${parsed.error[0]?.message ?? ""}` });
  } catch (e) {
    gaps.push({
      reason: `the derivation ${deriver} could not be read from the store (${e instanceof InputError ? (e.issues[0]?.message ?? e.message) : String(e)}); build-time inputs were not traced`,
    });
  }
  return undefined;
}

/** Store path → the flake inputs it came from, its chain in the closure, and what could not be learned. */
export async function traceUseCase(req: TraceRequest, files: Files, nix: () => NixStore): Promise<TraceReport> {
  const target = storeObjectOf(req.path);
  const sp = parseStorePath(target);
  if (!sp.ok)
    throw new InputError([
      {
        origin: "STORE_PATH argument",
        pointer: "",
        message: `'${req.path}' is not a store path: ${sp.error}`,
        example: "/nix/store/2cg9ip4lvc4bzmjdg56znd1yr9cw4gwn-source",
      },
    ]);
  const path = formatStorePath(sp.value);
  const gaps: TraceGap[] = [];
  // The lock and the closure are read side by side: the closure can be 100 MB.
  const [lock, closure] = await Promise.all([
    maybeLock(req, files),
    req.closure !== undefined ? readClosure(req.closure, files, nix) : Promise.resolve(undefined),
  ]);
  let derivations: DerivationSet | undefined;
  if (req.derivationsPath !== undefined)
    derivations = await readDerivations(req.derivationsPath, files, closure?.closure.storeDir);
  else if (closure !== undefined && req.closure !== undefined && "of" in req.closure)
    derivations = await autoDerivations(closure, path, nix, gaps);
  const result = traceStorePath(path, {
    ...(lock.inventory !== undefined ? { inventory: lock.inventory } : {}),
    ...(closure !== undefined ? { closure: closure.closure, roots: closureRoots(closure.closure) } : {}),
    ...(derivations !== undefined ? { derivations } : {}),
  });
  const info = closure?.closure.infos.get(path);
  // A failed --closure-of already left a gap saying build-time inputs were not traced.
  const undecided = undecidedGap(req, path, result, gaps.length > 0);
  if (undecided !== undefined) gaps.push(undecided);
  const notes: string[] = [];
  if (closure !== undefined && info === undefined) notes.push(`${path} is not in the closure data`);
  else if (result.attribution === "none" && info?.ca?.method === "nar" && sp.value.name.endsWith("source")) {
    notes.push(
      "a fetched source whose NAR hash matches no locked input: the flake's own source, an input of another lock, or a fetcher call in Nix code",
    );
  }
  return {
    schemaVersion: 1,
    tool: req.tool,
    path,
    kind: result.kind,
    attribution: result.attribution,
    inputs: result.inputs.map(inputFacts),
    sources: result.sources.map((s) => ({
      path: s.path,
      via: s.via,
      depth: s.depth,
      inputs: s.inputs.map(inputFacts),
    })),
    chain: result.chain,
    ...(result.deriver !== undefined ? { deriver: result.deriver } : {}),
    ...(result.nearestAttributed !== undefined
      ? {
          nearestAttributed: {
            path: result.nearestAttributed.path,
            inputs: result.nearestAttributed.inputs.map(inputFacts),
          },
        }
      : {}),
    notes,
    ...(lock.file !== undefined ? { lockFile: { path: lock.file.displayPath, sha256: lock.file.sha256 } } : {}),
    ...(closure?.file !== undefined
      ? { closureFile: { path: closure.file.displayPath, sha256: closure.file.sha256, shape: closure.closure.shape } }
      : {}),
    gaps,
  };
}
