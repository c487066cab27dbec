import type { Argv } from "yargs";
import { InputError, UsageError } from "../../app/errors.js";
import type { ImpactRequest } from "../../app/impact.js";
import type { InstallableEvaluator } from "../../app/installable-ports.js";
import { flakeAttrPath } from "../../domain/nix/flake-installable.js";
import type { CommandContext } from "../context.js";
import { installableEvaluator } from "../wire.js";
import { oneLine } from "../../render/escape.js";

/** The options of review impact, shared by `diff` and `pr-review`. */
export function impactOptions<T>(y: Argv<T>) {
  return y
    .option("installable", {
      type: "string",
      array: true,
      default: [],
      describe:
        "evaluate this flake output at both revisions and report what changes in its packages (repeatable; e.g. .#nixosConfigurations.web.config.system.build.toplevel)",
    })
    .option("jobs", {
      type: "number",
      default: 2,
      describe: "evaluations run at once with --installable (2: base and head together; 1 when memory is short)",
    })
    .option("meta-old", {
      type: "string",
      describe: "nixpkgs meta of the base side (nix-env -qa --json --meta --out-path), for licence changes",
    })
    .option("meta-new", { type: "string", describe: "nixpkgs meta of the head side, for licence changes" })
    .option("policy", {
      type: "string",
      describe: "a check policy (JSON/YAML): allowedLicenses and requiredPackages gate --installable's findings",
    });
}

export interface ImpactArgs {
  readonly installable: readonly string[];
  readonly jobs: number;
  readonly metaOld?: string | undefined;
  readonly metaNew?: string | undefined;
  readonly policy?: string | undefined;
  readonly timeout: number;
}

/**
 * An installable as the evaluator takes it (domain/nix/flake-installable.ts), checked before nix is
 * asked for or anything is checked out: nothing that reads as an option, a URL or another flake.
 */
function checkInstallable(i: string): string {
  const attr = flakeAttrPath(i);
  if (!attr.ok)
    throw new UsageError(
      `--installable takes a flake output such as .#packages.x86_64-linux.default; '${oneLine(i)}': ${attr.error}`,
    );
  return i;
}

/**
 * The evaluator and the request parts the flags give, or undefined without --installable. The
 * evaluator is asked for first, so a missing nix is exit 3 before anything else runs.
 */
export async function impactFlags(
  args: ImpactArgs,
  ctx: CommandContext,
): Promise<
  | {
      readonly evaluator: InstallableEvaluator;
      /** What diff and pr-review put in their use case's `impact` request, beside the revisions. */
      readonly request: Pick<ImpactRequest, "installables" | "jobs" | "timeoutMs" | "meta" | "policy" | "progress">;
    }
  | undefined
> {
  if ((args.metaOld === undefined) !== (args.metaNew === undefined))
    throw new UsageError("--meta-old and --meta-new go together");
  if (args.installable.length === 0) {
    if (args.metaOld !== undefined) throw new UsageError("--meta-old and --meta-new need --installable");
    // --policy alone is no error: FLAKE_AUDIT_POLICY, set for check, reaches diff too.
    return undefined;
  }
  if (!Number.isInteger(args.jobs) || args.jobs < 1)
    throw new UsageError("--jobs must be a whole number of at least 1");
  const installables = [...new Set(args.installable.map(checkInstallable))];
  const evaluator = await installableEvaluator(ctx.io, ctx.env, args.timeout);
  if (evaluator === undefined)
    throw new InputError([
      {
        origin: "--installable",
        pointer: "",
        message: "nix is needed to evaluate installables, and none is available to this run",
        next: "install nix (2.8 or later) and run again, or leave out --installable",
      },
    ]);
  return {
    evaluator,
    request: {
      installables,
      jobs: args.jobs,
      timeoutMs: args.timeout * 1000,
      ...(args.metaOld !== undefined && args.metaNew !== undefined
        ? { meta: { old: args.metaOld, new: args.metaNew } }
        : {}),
      ...(args.policy !== undefined ? { policy: args.policy } : {}),
      // Progress on a terminal only: a CI log or a pipe gets the report and nothing else.
      ...(ctx.io.isTTY ? { progress: (m: string) => ctx.io.stderr(`${oneLine(m)}\n`) } : {}),
    },
  };
}
