import type { Argv } from "yargs";
import type { Files } from "../../app/ports.js";
import type { ClosureSource } from "../../app/read-closure.js";
import { UsageError } from "../../app/errors.js";
import type { Env } from "../io.js";

export interface ClosureArgs {
  readonly closure?: string | undefined;
  readonly closureOf?: string | undefined;
  readonly timeout: number;
}

/** --closure FILE | --closure-of INSTALLABLE, and --timeout for the nix call. */
export function closureOptions<T>(y: Argv<T>, _env: Env) {
  return y
    .option("closure", {
      type: "string",
      requiresArg: true,
      describe: "`nix path-info --json --recursive` output, any Nix or Lix version (- for stdin)",
    })
    .option("closure-of", {
      type: "string",
      describe: "run the installed nix path-info on this installable or store path",
    })
    .conflicts("closure", "closure-of");
}

export function closureSource(args: ClosureArgs): ClosureSource | undefined {
  if (args.closure !== undefined) return { file: args.closure };
  if (args.closureOf !== undefined) return { of: args.closureOf };
  return undefined;
}

/**
 * The lock to read: the one given; else ./flake.lock, which a closure makes optional (read only when
 * it exists). Undefined: a closure alone (sbom and check decide this the same way).
 */
export async function lockPathFor(
  lock: string | undefined,
  closure: ClosureSource | undefined,
  files: Pick<Files, "exists">,
): Promise<string | undefined> {
  if (lock !== undefined) return lock;
  if (closure === undefined || (await files.exists("flake.lock"))) return "flake.lock";
  return undefined;
}

export interface PackageArgs {
  readonly derivations?: string | undefined;
  readonly meta?: string | undefined;
  readonly buildtime?: boolean | undefined;
}

/** --derivations FILE, --meta FILE (sbom and check), and --buildtime (sbom only). */
export function packageOptions<T>(y: Argv<T>, opts: { buildtime: boolean }) {
  const base = y
    .option("derivations", {
      type: "string",
      requiresArg: true,
      describe:
        "`nix derivation show -r` (or `nix show-derivation -r`) of the closure's root: name each store path as a package (pname, version, sources, patches); --closure-of asks nix for it",
    })
    .option("meta", {
      type: "string",
      requiresArg: true,
      describe: "`nix-env -qa --json --meta --out-path -f NIXPKGS` output: licences, homepage, CPE by output path",
    });
  return opts.buildtime
    ? base.option("buildtime", {
        type: "boolean",
        default: false,
        describe:
          "also list build-time-only sources (fetched, not in the runtime closure) as components, scope excluded",
      })
    : base;
}

/** What the package options ask for, checked against the closure options. */
export function packagesRequest(
  args: PackageArgs & ClosureArgs,
): { derivations?: string; meta?: string; buildTime: boolean } | undefined {
  const hasClosure = args.closure !== undefined || args.closureOf !== undefined;
  if (!hasClosure && (args.derivations !== undefined || args.meta !== undefined || args.buildtime === true))
    throw new UsageError(
      "--derivations, --meta and --buildtime describe a closure: give --closure or --closure-of too",
    );
  if (args.meta !== undefined && args.derivations === undefined && args.closureOf === undefined)
    throw new UsageError(
      "--meta is joined to packages, which need derivations: give --derivations (or use --closure-of)",
    );
  if (args.buildtime === true && args.derivations === undefined && args.closureOf === undefined)
    throw new UsageError("--buildtime needs derivations: give --derivations (or use --closure-of)");
  if (!hasClosure) return undefined;
  return {
    ...(args.derivations !== undefined ? { derivations: args.derivations } : {}),
    ...(args.meta !== undefined ? { meta: args.meta } : {}),
    buildTime: args.buildtime === true,
  };
}
