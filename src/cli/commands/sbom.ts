import type { Argv } from "yargs";
import { UsageError } from "../../app/errors.js";
import { BOM_FORMATS, SPEC_VERSIONS, type BomFormat, type SpecVersion } from "../../render/sbom/options.js";
import type { CommandContext } from "../context.js";
import { REPORT_EXIT_CODES, type IncompleteMeaning } from "../exit-codes.js";
import { outcome, upstreamMode, type Outcome } from "../outcome.js";
import {
  closureOptions,
  closureSource,
  lockPathFor,
  packageOptions,
  packagesRequest,
  type ClosureArgs,
  type PackageArgs,
} from "./closure-options.js";
import { timeoutOption, upstreamOptions, type UpstreamArgs } from "./github-options.js";
import { envChoice, envFlag, formatOption, outputOption } from "./shared-options.js";
import { sourceStoreFor, storeOption, type StoreArgs } from "./store-option.js";

export const command = "sbom [lock]";
export const describe = "Write a CycloneDX SBOM of everything a flake.lock pins (and a build closure contains)";

/** The codes `sbom` can end with (4 only with --resolve, online). */
export const exitCodes = REPORT_EXIT_CODES;

/** What exit 4 means here (cli/exit-codes.ts adds the flags that rule it out). */
export const incomplete: IncompleteMeaning = {
  what: "GitHub could not answer for every input",
  only: "only with --resolve",
};

export function builder<T>(y: Argv<T>, ctx: CommandContext) {
  return storeOption(
    packageOptions(upstreamOptions(timeoutOption(closureOptions(y, ctx.env), ctx.env), ctx.env), {
      buildtime: true,
    }),
  )
    .option("resolve", {
      type: "boolean",
      default: envFlag(ctx.env, "resolve"),
      describe: "add upstream facts from GitHub: licenses, commit pedigree, archived/fork/signature/reachability",
    })
    .positional("lock", {
      type: "string",
      describe: "flake.lock to read (- for stdin; default ./flake.lock, optional with a closure)",
    })
    .option("spec", {
      type: "string",
      choices: SPEC_VERSIONS,
      default: envChoice(ctx.env, "spec", SPEC_VERSIONS) ?? "1.6",
      describe: "CycloneDX specification version",
    })
    .option("format", formatOption(ctx.env, BOM_FORMATS, "json"))
    .option("output", outputOption)
    .option("name", { type: "string", describe: "name of the flake (default: the lock file's directory)" })
    .option("reproducible", {
      type: "boolean",
      default: envFlag(ctx.env, "reproducible"),
      describe: "no serial number; timestamp only from SOURCE_DATE_EPOCH",
    })
    .example("$0 sbom flake.lock -o sbom.cdx.json", "SBOM of the lock in the current directory")
    .example(
      "$0 sbom --closure-of .#default",
      "the lock and the runtime closure of a build, its packages, from the installed nix",
    )
    .example(
      "$0 sbom --closure c.json --derivations d.json --meta meta.json",
      "packages of a closure from files: pname/version, sources, patches, licences",
    )
    .example("SOURCE_DATE_EPOCH=0 $0 sbom --reproducible --format xml", "byte-for-byte reproducible XML");
}

export interface SbomArgs extends ClosureArgs, UpstreamArgs, PackageArgs, StoreArgs {
  readonly resolve: boolean;
  readonly lock?: string | undefined;
  readonly spec: SpecVersion;
  readonly format: BomFormat;
  readonly output?: string | undefined;
  readonly name?: string | undefined;
  readonly reproducible: boolean;
}

export async function handler(args: SbomArgs, ctx: CommandContext): Promise<Outcome> {
  const { buildSbom } = await import("../../app/sbom.js");
  // octokit and its plugins load only when --resolve asks for upstream facts.
  const githubSourceFor = async (a: SbomArgs, c: CommandContext, version: string) =>
    (await import("../github-wiring.js")).githubSource(a, c.env, c.io, () => Date.now(), version);
  const w = ctx.wiring(args.timeout);
  const closure = closureSource(args);
  const packages = packagesRequest(args);
  const lockPath = await lockPathFor(args.lock, closure, w.files);
  if (lockPath === undefined && closure === undefined)
    throw new UsageError("nothing to describe: give a lock file or a closure");
  const timestamp = w.sourceDateEpoch ?? (args.reproducible ? undefined : w.now);
  const result = await buildSbom(
    {
      ...(lockPath !== undefined ? { lockPath } : {}),
      ...(closure !== undefined ? { closure } : {}),
      ...(packages !== undefined ? { packages } : {}),
      ...(args.name !== undefined ? { name: args.name } : {}),
      tool: w.tool,
      ...(timestamp !== undefined ? { timestamp } : {}),
      ...(args.reproducible ? {} : { serialNumber: w.newSerialNumber() }),
      reproducible: args.reproducible,
      // Each locked source's licence files, from the local store when it holds the source.
      ...(lockPath !== undefined ? { sourceStore: await sourceStoreFor(args, ctx.env, args.timeout) } : {}),
      ...(args.resolve
        ? {
            resolve: {
              source: () => githubSourceFor(args, ctx, w.tool.version),
              offline: args.offline,
              enterpriseHosts: args.githubHost,
            },
          }
        : {}),
    },
    w.files,
    () => w.nix(),
  );
  for (const warning of result.warnings) w.log.warn(warning);
  const text =
    args.format === "json"
      ? (await import("../../render/sbom/render-json.js")).renderCycloneDxJsonChunks(result.model, args.spec)
      : (await import("../../render/sbom/serialize.js")).renderCycloneDxXml(result.model, args.spec);
  await ctx.write(text, args.output);
  return outcome({
    incomplete: result.provenance?.inputs.some((e) => e.status === "failed") === true,
    upstream: upstreamMode(args),
  });
}
