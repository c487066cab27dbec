import type { Argv } from "yargs";
import { UsageError } from "../../app/errors.js";
import {
  BOM_FORMATS,
  SPDX_FORMATS,
  SPDX_SPEC_VERSIONS,
  SPEC_VERSIONS,
  type BomFormat,
  type SpdxSpecVersion,
  type SpecVersion,
} from "../../render/sbom/options.js";
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
import { signerFor, signOptions, type SignArgs } from "./sign-options.js";
import { givenMetadata, metadataOptions, type MetadataArgs } from "./sbom-metadata-options.js";
import { sourceStoreFor, storeOption, type StoreArgs } from "./store-option.js";
import { nativeSha256 } from "../../adapters/native-sha256.js";
import type { Revisions } from "../../app/ports.js";
import { revisionsFor } from "./sbom-revisions.js";
import { summaryHtml } from "./sbom-summary.js";

export const command = "sbom [lock]";
export const describe = "Write a CycloneDX or SPDX SBOM of everything a flake.lock pins (and a build closure contains)";

/** The codes `sbom` can end with (4 only with --resolve, online). */
export const exitCodes = REPORT_EXIT_CODES;

/** What exit 4 means here (cli/exit-codes.ts adds the flags that rule it out). */
export const incomplete: IncompleteMeaning = {
  what: "GitHub could not answer for every input",
  only: "only with --resolve",
};

export function builder<T>(y: Argv<T>, ctx: CommandContext) {
  return sbomOptions(metadataOptions(y), ctx);
}

function sbomOptions<T>(y: Argv<T>, ctx: CommandContext) {
  return signOptions(
    storeOption(
      packageOptions(upstreamOptions(timeoutOption(closureOptions(y, ctx.env), ctx.env), ctx.env), {
        buildtime: true,
      }),
    ),
    ctx.env,
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
      choices: ALL_SPECS,
      ...optionalDefault(envChoice(ctx.env, "spec", ALL_SPECS)),
      describe: "specification version: CycloneDX 1.4-1.7 (default 1.6); SPDX 2.3 (default) or 3.0 (3.0.1)",
    })
    .option("format", formatOption(ctx.env, ALL_FORMATS, "json"))
    .option("output", outputOption)
    .option("name", { type: "string", describe: "name of the flake (default: the lock file's directory)" })
    .option("html-report", {
      type: "string",
      describe: "also write a compliance summary of the SBOM as one self-contained HTML page to this file",
    })
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
    .example("SOURCE_DATE_EPOCH=0 $0 sbom --reproducible --format xml", "byte-for-byte reproducible XML")
    .example("$0 sbom --format spdx-json --spec 3.0 -o sbom.spdx.json", "SPDX 3.0.1 JSON-LD (--spec 2.3: SPDX 2.3)")
    .example("$0 sbom --sign-key signer.pem -o sbom.cdx.json", "a signed SBOM (JSF); check it with flake-audit verify");
}

const ALL_SPECS = [...SPEC_VERSIONS, ...SPDX_SPEC_VERSIONS] as const;
const ALL_FORMATS = [...BOM_FORMATS, ...SPDX_FORMATS] as const;
const optionalDefault = <T>(v: T | undefined) => (v !== undefined ? { default: v } : {});

type Spec = { format: BomFormat; spec: SpecVersion } | { format: "spdx-json"; spec: SpdxSpecVersion };

/** The spec a format takes (flag or FLAKE_AUDIT_SPEC); one of the other format's is a usage error. */
export function specFor(format: BomFormat | "spdx-json", spec: string | undefined): Spec {
  const spdx = format === "spdx-json";
  const allowed: readonly string[] = spdx ? SPDX_SPEC_VERSIONS : SPEC_VERSIONS;
  if (spec !== undefined && !allowed.includes(spec))
    throw new UsageError(
      `--spec ${spec} is not a version of ${spdx ? "SPDX" : "CycloneDX"}; --format ${format} takes ${allowed.join(", ")} (from --spec or FLAKE_AUDIT_SPEC)`,
    );
  return spdx ? { format, spec: (spec ?? "2.3") as SpdxSpecVersion } : { format, spec: (spec ?? "1.6") as SpecVersion };
}

export interface SbomArgs extends ClosureArgs, UpstreamArgs, PackageArgs, SignArgs, MetadataArgs, StoreArgs {
  readonly resolve: boolean;
  readonly lock?: string | undefined;
  readonly spec?: SpecVersion | SpdxSpecVersion | undefined;
  readonly format: BomFormat | "spdx-json";
  readonly output?: string | undefined;
  readonly name?: string | undefined;
  readonly reproducible: boolean;
  readonly htmlReport?: string | undefined;
}

type Wiring = ReturnType<CommandContext["wiring"]>;

export async function handler(args: SbomArgs, ctx: CommandContext): Promise<Outcome> {
  const chosen = specFor(args.format, args.spec);
  if (args.htmlReport === "-" || args.htmlReport === "/dev/stdout")
    throw new UsageError(
      "--html-report needs a file: standard output carries the SBOM (give e.g. --html-report sbom.html)",
    );
  const w = ctx.wiring(args.timeout);
  const signer = await signerFor(args, w.files, w.log);
  const closure = closureSource(args);
  const lockPath = await lockPathFor(args.lock, closure, w.files);
  if (lockPath === undefined && closure === undefined)
    throw new UsageError("nothing to describe: give a lock file or a closure");
  const revisions = await revisionsFor(args, lockPath, ctx.io.cwd);
  const timestamp = w.sourceDateEpoch ?? (args.reproducible ? undefined : w.now);
  const { buildSbom } = await import("../../app/sbom.js");
  const request = await sbomRequest(args, ctx, w, { lockPath, closure, timestamp, revisions });
  const result = await buildSbom(request, w.files, () => w.nix());
  for (const warning of result.warnings) w.log.warn(warning);
  const text = await renderBom(result.model, chosen);
  await ctx.write(
    signer !== undefined ? signer.signJson(typeof text === "string" ? text : [...text].join("")) : text,
    args.output,
  );
  if (args.htmlReport !== undefined)
    await ctx.write(
      await summaryHtml(result.model, { sbomFile: args.output, lockPath, timestamp }, w.files),
      args.htmlReport,
    );
  return outcome({
    incomplete: result.provenance?.inputs.some((e) => e.status === "failed") === true,
    upstream: upstreamMode(args),
  });
}

type SbomRequest = Parameters<typeof import("../../app/sbom.js")["buildSbom"]>[0];
type SbomModel = Awaited<ReturnType<typeof import("../../app/sbom.js")["buildSbom"]>>["model"];

/** What the use case is asked: the flags, the config file's `sbom:` section, and the adapters it reads through. */
async function sbomRequest(
  args: SbomArgs,
  ctx: CommandContext,
  w: Wiring,
  read: {
    lockPath: string | undefined;
    closure: ReturnType<typeof closureSource>;
    timestamp: Date | undefined;
    revisions: Revisions;
  },
): Promise<SbomRequest> {
  const { lockPath, closure, timestamp, revisions } = read;
  const packages = packagesRequest(args);
  const config =
    args.config !== undefined
      ? await (await import("../../app/read-config.js")).readConfig(w.files, args.config)
      : undefined;
  return {
    ...(lockPath !== undefined ? { lockPath } : {}),
    ...(closure !== undefined ? { closure } : {}),
    ...(packages !== undefined ? { packages } : {}),
    ...(args.name !== undefined ? { name: args.name } : {}),
    tool: w.tool,
    ...(timestamp !== undefined ? { timestamp } : {}),
    ...(args.reproducible ? {} : { serialNumber: w.newSerialNumber() }),
    reproducible: args.reproducible,
    metadata: givenMetadata(args, config?.sbom ?? {}),
    revisions,
    digest: nativeSha256,
    // Each locked source's licence files, from the local store when it holds the source.
    ...(lockPath !== undefined ? { sourceStore: await sourceStoreFor(args, ctx.env, args.timeout) } : {}),
    ...(args.resolve
      ? {
          resolve: {
            // octokit and its plugins load only when --resolve asks for upstream facts.
            source: async () =>
              (await import("../github-wiring.js")).githubSource(
                args,
                ctx.env,
                ctx.io,
                () => Date.now(),
                w.tool.version,
              ),
            offline: args.offline,
            enterpriseHosts: args.githubHost,
          },
        }
      : {}),
  };
}

/** The SBOM's text in the chosen format; CycloneDX JSON as chunks, written as they are produced. */
async function renderBom(model: SbomModel, chosen: Spec): Promise<string | Iterable<string>> {
  if (chosen.format === "spdx-json")
    return (await import("../../render/sbom/spdx/render.js")).renderSpdxJson(model, chosen.spec);
  if (chosen.format === "json")
    return (await import("../../render/sbom/render-json.js")).renderCycloneDxJsonChunks(model, chosen.spec);
  return (await import("../../render/sbom/serialize.js")).renderCycloneDxXml(model, chosen.spec);
}
