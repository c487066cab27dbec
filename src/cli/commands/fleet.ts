import path from "node:path";
import type { Argv } from "yargs";
import type { FleetRun } from "../../app/fleet.js";
import type { ToolInfo } from "../../domain/report.js";
import { UsageError } from "../../app/errors.js";
import { severityOf } from "../../domain/fleet/findings.js";
import { RENDERERS } from "../../render/formats.js";
import type { CommandContext } from "../context.js";
import { textWidth } from "../io.js";
import { GATE_EXIT_CODES, type IncompleteMeaning } from "../exit-codes.js";
import { outcome, type Outcome } from "../outcome.js";
import type { FailOn } from "./fail-on.js";
import { timeoutOption } from "./github-options.js";
import { envDefault, failOnOption, formatOption, formatsOf, outputOption } from "./shared-options.js";

export const command = "fleet [fleet]";
export const describe = "What every host runs, whether it was approved, which inputs it holds and who signed it";
const FORMATS = formatsOf(RENDERERS.fleet);

export const exitCodes = GATE_EXIT_CODES;

/** What exit 4 means here (cli/exit-codes.ts adds the flags that rule it out). */
export const incomplete: IncompleteMeaning = { what: "a host could not be read; the report lists it under gaps" };

export function builder<T>(y: Argv<T>, ctx: CommandContext) {
  return timeoutOption(y, ctx.env)
    .positional("fleet", { type: "string", describe: "fleet file (YAML or JSON; schemas/fleet.v1.schema.json)" })
    .option("reports", { type: "string", describe: "directory of host reports (flake-audit host-report) to merge" })
    .option("jobs", {
      type: "number",
      default: Number(envDefault(ctx.env, "jobs") ?? 8),
      describe: "hosts read at once",
    })
    .option("format", formatOption(ctx.env, FORMATS, "text"))
    .option("fail-on", failOnOption(ctx.env, "high"))
    .option("output", outputOption)
    .option("sbom-dir", {
      type: "string",
      describe: "write one CycloneDX SBOM per host read into DIR (<host>.cdx.json)",
    })
    .example("$0 fleet fleet.yaml", "read every host of the fleet file")
    .example(
      "$0 fleet fleet.yaml --reports reports/ --format json",
      "merge host reports collected by your own tooling",
    );
}

export interface FleetArgs {
  readonly fleet?: string | undefined;
  readonly reports?: string | undefined;
  readonly jobs: number;
  readonly timeout: number;
  readonly format: (typeof FORMATS)[number];
  readonly failOn: FailOn;
  readonly output?: string | undefined;
  readonly sbomDir?: string | undefined;
}

/** One CycloneDX 1.6 JSON SBOM per host read, written atomically as DIR/<host>.cdx.json. */
async function writeSboms(run: FleetRun, dir: string, ctx: CommandContext, tool: ToolInfo): Promise<void> {
  const { fleetSbomModels } = await import("../../app/fleet-sbom.js");
  const { renderCycloneDx } = await import("../../render/sbom/serialize.js");
  const { mkdir } = await import("node:fs/promises");
  await mkdir(path.resolve(ctx.io.cwd, dir), { recursive: true });
  // Host names are plain (letters, digits, ._-, never starting with a dot): safe as file names.
  for (const { host, model } of fleetSbomModels(run, tool))
    await ctx.write(renderCycloneDx(model, "1.6", "json"), path.resolve(ctx.io.cwd, dir, `${host}.cdx.json`));
}

export async function handler(args: FleetArgs, ctx: CommandContext): Promise<Outcome> {
  if (args.fleet === undefined && args.reports === undefined)
    throw new UsageError("name a fleet file, or a directory of host reports with --reports");
  if (!Number.isInteger(args.jobs) || args.jobs < 1)
    throw new UsageError("--jobs must be a whole number of at least 1");
  const { fleetUseCase } = await import("../../app/fleet.js");
  const { hostStores } = await import("../../adapters/fleet/host-stores.js");
  const { reportFiles } = await import("../../adapters/fleet/report-files.js");
  const { ed25519Verifier } = await import("../../adapters/signatures.js");
  const { pool } = await import("../../adapters/pool.js");
  const w = ctx.wiring(args.timeout);
  const run = await fleetUseCase(
    {
      ...(args.fleet !== undefined ? { fleetPath: args.fleet } : {}),
      ...(args.reports !== undefined ? { reportsDir: args.reports } : {}),
      jobs: args.jobs,
      timeoutMs: args.timeout * 1000,
      tool: w.tool,
    },
    {
      files: w.files,
      stores: hostStores(ctx.env),
      reports: reportFiles(ctx.io.cwd, args.timeout * 1000),
      verify: ed25519Verifier(),
      pool,
      warn: w.log.warn,
    },
  );
  const report = run.report;
  if (args.sbomDir !== undefined) await writeSboms(run, args.sbomDir, ctx, w.tool);
  const render = await RENDERERS.fleet[args.format]();
  await ctx.write(render(report, { width: textWidth(ctx.io, args.output) }), args.output);
  return outcome({
    severities: report.findings.map(severityOf),
    failOn: args.failOn,
    // A host that could not be read is a gap: the report is partial (exit 4).
    incomplete: report.gaps.length > 0,
  });
}
