import type { Argv } from "yargs";
import { BOM_FORMATS, SPEC_VERSIONS, type BomFormat, type SpecVersion } from "../../render/cyclonedx/options.js";
import type { CommandContext } from "../context.js";
import { envDefault, envFlag } from "./shared-options.js";

export const command = "sbom [lock]";
export const describe = "Write a CycloneDX SBOM of everything a flake.lock pins";

export function builder(y: Argv, ctx: CommandContext): Argv {
  return y
    .positional("lock", { type: "string", default: "flake.lock", describe: "flake.lock to read (- for stdin)" })
    .option("spec", { type: "string", choices: SPEC_VERSIONS, default: envDefault(ctx.env, "spec") ?? "1.6", describe: "CycloneDX specification version" })
    .option("format", { type: "string", choices: BOM_FORMATS, default: envDefault(ctx.env, "format") ?? "json", describe: "output format" })
    .option("output", { alias: "o", type: "string", describe: "write to FILE atomically instead of stdout" })
    .option("name", { type: "string", describe: "name of the flake (default: the lock file's directory)" })
    .option("reproducible", { type: "boolean", default: envFlag(ctx.env, "reproducible"), describe: "no serial number; timestamp only from SOURCE_DATE_EPOCH" })
    .example("$0 sbom flake.lock -o sbom.cdx.json", "SBOM of the lock in the current directory")
    .example("SOURCE_DATE_EPOCH=0 $0 sbom --reproducible --format xml", "byte-for-byte reproducible XML");
}

export interface SbomArgs {
  readonly lock: string;
  readonly spec: SpecVersion;
  readonly format: BomFormat;
  readonly output?: string;
  readonly name?: string;
  readonly reproducible: boolean;
}

export async function handler(args: SbomArgs, ctx: CommandContext): Promise<number> {
  const { buildSbom } = await import("../../app/sbom.js");
  const render =
    args.format === "json"
      ? (await import("../../render/cyclonedx/render-json.js")).renderCycloneDxJson
      : (await import("../../render/cyclonedx/serialize.js")).renderCycloneDxXml;
  const w = ctx.wiring();
  const timestamp = w.sourceDateEpoch ?? (args.reproducible ? undefined : w.now);
  const result = await buildSbom(
    {
      lockPath: args.lock,
      ...(args.name !== undefined ? { name: args.name } : {}),
      tool: w.tool,
      ...(timestamp !== undefined ? { timestamp } : {}),
      ...(args.reproducible ? {} : { serialNumber: w.newSerialNumber() }),
      reproducible: args.reproducible,
    },
    w.files,
  );
  for (const warning of result.warnings) w.log.warn(warning);
  await ctx.write(render(result.model, args.spec), args.output);
  return 0;
}
