import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import { InputError, UsageError } from "../../app/errors.js";
import type { EvaluationRequest, InstallableEvaluation, InstallableEvaluator } from "../../app/installable-ports.js";
import { flakeAttrPath, flakeSubdirectory } from "../../domain/nix/flake-installable.js";
import { DEFAULT_STORE_DIR } from "../../domain/nix/store-path.js";
import { parseDerivations } from "../../ingest/closure/derivation.js";
import { resolveCommit, withCheckout, type Checkout } from "../git-checkout.js";
import { runProgram } from "../subprocess.js";
import { derivationsOf } from "./derivations-of.js";
import { closureWithin, nixError, rootOf } from "./eval-results.js";
import { evalEnv, runEvalNix, type EvalLimits } from "./eval-nix.js";
import { isAtLeast } from "./nix-cli.js";

export interface EvaluatorOptions {
  /** The process environment: only an allow-list of it reaches nix (eval-nix.ts). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The address space each nix process may use; default 8 GiB. */
  readonly memoryBytes?: number;
  /** Where the temporary worktrees go; default the system's temporary directory. */
  readonly tmpRoot?: string;
}

const DEFAULT_MEMORY = 8 * 1024 ** 3;
const MAX_DERIVATIONS_OUTPUT = 500 * 1024 * 1024;

/**
 * InstallableEvaluator over the installed nix: each request's commit is checked out into a
 * temporary git worktree and its flake evaluated as `git+file://WORKTREE?dir=DIR&rev=SHA#ATTR`
 * (the committed tree exactly, as `nix build .#ATTR` in a clean checkout sees it; offline), with
 * the settings and limits of eval-nix.ts. Nothing is built or substituted.
 */
export function nixInstallableEvaluator(
  opts: EvaluatorOptions,
): InstallableEvaluator & { available(): Promise<boolean> } {
  let version: Promise<string> | undefined;
  // Without prlimit: a missing nix is the same exit-3 message as for --closure-of.
  const nixVersion = (): Promise<string> =>
    (version ??= runProgram("nix", ["--version"], {
      // The same allow-list as every evaluation: not even `nix --version` sees a token.
      env: evalEnv(opts.env, tmpdir(), ""),
      timeoutMs: 60_000,
      maxOutputBytes: 64 * 1024,
      whenMissing:
        "install Nix (flake-audit asks it for the derivations of each installable), or leave out --installable",
    }).then((r) => {
      if (r.kind !== "ok") throw nixUnusable(r.kind === "failed" ? r.stderr : r.kind);
      return r.stdout.trim();
    }));
  return {
    /** Whether nix is installed here (false: not on PATH); a nix that fails to run is an error. */
    async available() {
      try {
        await nixVersion();
        return true;
      } catch (e) {
        if (e instanceof InputError && /not installed/.test(e.message)) return false;
        throw e;
      }
    },
    async evaluate(request) {
      const attrs = request.installables.map((i) => {
        const a = flakeAttrPath(i);
        if (!a.ok) throw new UsageError(`--installable ${JSON.stringify(i.slice(0, 200))}: ${a.error}`);
        return a.value;
      });
      const dir = flakeSubdirectory(request.flakeDir);
      if (!dir.ok) throw new UsageError(`${JSON.stringify(request.flakeDir.slice(0, 200))}: ${dir.error}`);
      request.signal?.throwIfAborted();
      const v = await nixVersion();
      const sha = await resolveCommit(request.repoDir, request.rev, request.signal);
      const deadline = Date.now() + request.timeoutMs;
      request.progress?.(`checking out ${sha.slice(0, 12)} (${request.rev})`);
      return withCheckout(
        request.repoDir,
        sha,
        {
          timeoutMs: request.timeoutMs,
          ...(opts.tmpRoot !== undefined ? { tmpRoot: opts.tmpRoot } : {}),
          ...(request.signal !== undefined ? { signal: request.signal } : {}),
        },
        (checkout) => evaluateIn(checkout, { request, attrs, dir: dir.value, sha, deadline, version: v, opts }),
      );
    },
  };
}

function nixUnusable(why: string): InputError {
  return new InputError([
    {
      origin: "nix --version",
      pointer: "",
      message: `nix does not run: ${why.trim().slice(0, 500)}`,
      next: "check the Nix installation (nix --version)",
    },
  ]);
}

interface Job {
  readonly request: EvaluationRequest;
  readonly attrs: readonly string[];
  readonly dir: string;
  readonly sha: string;
  readonly deadline: number;
  readonly version: string;
  readonly opts: EvaluatorOptions;
}

async function evaluateIn(c: Checkout, job: Job): Promise<InstallableEvaluation[]> {
  const { request, attrs, sha } = job;
  const query = new URLSearchParams({ ...(job.dir !== "" ? { dir: job.dir } : {}), rev: sha });
  const flake = `git+${pathToFileURL(c.tree).href}?${query.toString()}`;
  const refs = attrs.map((a) => `${flake}#${a}`);
  const env = evalEnv(job.opts.env, c.home, c.tree);
  const storeDir = env["NIX_STORE_DIR"] ?? DEFAULT_STORE_DIR;
  const limits = (maxOutputBytes: number): EvalLimits => ({
    env,
    timeoutMs: Math.max(1, job.deadline - Date.now()),
    memoryBytes: job.opts.memoryBytes ?? DEFAULT_MEMORY,
    signal: c.signal,
    maxOutputBytes,
  });
  const replacements: Array<[string, string]> = [
    [flake, "."],
    [c.tree, "."],
    [c.home, "~"],
  ];
  const at = sha.slice(0, 12);
  const results = new Map<number, InstallableEvaluation>();
  const roots = new Map<number, string>();

  // One evaluation for all (what they share, such as a nixpkgs import, is evaluated once). The first
  // installable is named twice: Nix 2.8's evaluation cache then keeps every one's drvPath, and the
  // calls below, one per installable to learn which .drv is whose, read it instead of evaluating.
  if (refs.length > 1) {
    request.progress?.(`evaluating ${refs.length} installables at ${at}`);
    const all = await runEvalNix(["path-info", "--derivation", "--", refs[0] ?? "", ...refs], limits(1 << 20));
    c.signal.throwIfAborted();
    if (all.kind === "timeout")
      return attrs.map((_, i) => failed(request, i, nixError(all, request.timeoutMs, replacements)));
  }
  for (const [i, ref] of refs.entries()) {
    request.progress?.(`evaluating ${request.installables[i] ?? ""} at ${at}`);
    const r = await runEvalNix(["path-info", "--derivation", "--", ref], limits(1 << 20));
    c.signal.throwIfAborted();
    if (r.kind !== "ok") {
      results.set(i, failed(request, i, nixError(r, request.timeoutMs, replacements)));
      continue;
    }
    const root = rootOf(r.stdout, storeDir);
    if ("problem" in root) results.set(i, failed(request, i, root.problem));
    else roots.set(i, root.drv);
  }
  if (roots.size > 0) {
    request.progress?.(
      `reading ${roots.size === 1 ? "a derivation closure" : `${roots.size} derivation closures`} at ${at}`,
    );
    const legacy = !isAtLeast(job.version, 2, 15);
    const shown = await showDerivations(
      legacy,
      job.version,
      [...new Set(roots.values())].sort(),
      () => limits(MAX_DERIVATIONS_OUTPUT),
      request.timeoutMs,
      replacements,
    );
    c.signal.throwIfAborted();
    for (const [i, drv] of roots)
      results.set(
        i,
        typeof shown === "string"
          ? failed(request, i, shown)
          : {
              installable: request.installables[i] ?? "",
              ok: true,
              roots: [drv],
              derivations: closureWithin(shown, drv),
            },
      );
  }
  return attrs.map((_, i) => results.get(i) ?? failed(request, i, "not evaluated"));
}

const failed = (request: EvaluationRequest, i: number, error: string): InstallableEvaluation => ({
  installable: request.installables[i] ?? "",
  ok: false,
  error,
});

/** `nix show-derivation -r` (≤ 2.14) / `nix derivation show -r` of the roots, parsed; or nix's error. */
async function showDerivations(
  legacy: boolean,
  version: string,
  drvs: readonly string[],
  limits: () => EvalLimits,
  timeoutMs: number,
  replacements: ReadonlyArray<readonly [string, string]>,
) {
  const storeDir = limits().env["NIX_STORE_DIR"] ?? DEFAULT_STORE_DIR;
  try {
    const out = await derivationsOf(
      async (args) => {
        const r = await runEvalNix(args, limits());
        if (r.kind !== "ok") throw new ShowFailed(nixError(r, timeoutMs, replacements));
        return r;
      },
      legacy,
      version,
      drvs,
    );
    const parsed = parseDerivations(out.text, out.origin, storeDir);
    return parsed.ok
      ? parsed.value
      : `nix printed derivations flake-audit cannot read: ${parsed.error[0]?.message ?? ""}`;
  } catch (e) {
    if (e instanceof ShowFailed) return e.message;
    throw e;
  }
}

class ShowFailed extends Error {}
