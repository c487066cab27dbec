import { hostname } from "node:os";
import type { Argv } from "yargs";
import { InputError, UsageError } from "../../app/errors.js";
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { outcome, type Outcome } from "../outcome.js";
import { timeoutOption } from "./github-options.js";
import { outputOption } from "./shared-options.js";

export const command = "host-report";
export const describe = "Write this host's system, generations and closure as JSON, for fleet --reports";

export const exitCodes = [ExitCode.Ok, ExitCode.Usage, ExitCode.InvalidInput, ExitCode.Internal];

export function builder<T>(y: Argv<T>, ctx: CommandContext) {
  return timeoutOption(y, ctx.env)
    .option("name", { type: "string", describe: "host name (default: this machine's hostname)" })
    .option("profile", { type: "string", describe: "system profile (default /nix/var/nix/profiles/system)" })
    .option("system", { type: "string", describe: "the system store path, instead of reading the profile" })
    .option("store", { type: "string", describe: "Nix store URI to read (default: this machine's store)" })
    .option("previous", {
      type: "boolean",
      default: true,
      describe: "include the previous generation's closure, for the rollback diff",
    })
    .option("reproducible", { type: "boolean", default: false, describe: "no collection time" })
    .option("output", outputOption)
    .example("$0 host-report -o /shared/reports/$(hostname).json", "from cron or your deployment tool");
}

export interface HostReportArgs {
  readonly name?: string | undefined;
  readonly profile?: string | undefined;
  readonly system?: string | undefined;
  readonly store?: string | undefined;
  readonly previous: boolean;
  readonly reproducible: boolean;
  readonly timeout: number;
  readonly output?: string | undefined;
}

/**
 * Refuses, before anything runs, a name or system that `fleet` would refuse when it reads the report
 * back: the report would be written only to be a gap on the auditor's side.
 */
async function checkArgs(args: HostReportArgs): Promise<string> {
  const { HostReportSchema } = await import("../../ingest/fleet/host-report.schema.js");
  const { StorePathText } = await import("../../ingest/fleet/fleet-file.schema.js");
  const host = args.name ?? hostname();
  if (!HostReportSchema.shape.host.safeParse(host).success)
    throw new UsageError(
      `${args.name !== undefined ? "--name" : "this machine's hostname"} ${JSON.stringify(host)} is not a host name fleet accepts: letters, digits and ._- (up to 100), starting with a letter or digit${args.name === undefined ? "; give one with --name" : ""}`,
    );
  if (args.system !== undefined && !StorePathText.safeParse(args.system).success)
    throw new UsageError(
      `--system ${JSON.stringify(args.system)} is not a store path fleet accepts: /nix/store/<32-character hash>-<name>, plain directory names (no . or ..)`,
    );
  return host;
}

export async function handler(args: HostReportArgs, ctx: CommandContext): Promise<Outcome> {
  const host = await checkArgs(args);
  const { hostReportUseCase } = await import("../../app/host-report.js");
  const { hostStores } = await import("../../adapters/fleet/host-stores.js");
  const { renderHostReport } = await import("../../render/fleet/host-report-json.js");
  const { parseHostReportHeader } = await import("../../ingest/fleet/host-report.js");
  const w = ctx.wiring(args.timeout);
  const report = await hostReportUseCase(
    {
      host,
      ...(args.store !== undefined ? { store: args.store } : {}),
      profile: args.profile ?? "/nix/var/nix/profiles/system",
      ...(args.profile === undefined ? { running: "/run/current-system" } : {}),
      ...(args.system !== undefined ? { system: args.system } : {}),
      previous: args.previous,
      timeoutMs: args.timeout * 1000,
      tool: w.tool,
      ...(args.reproducible ? {} : { collectedAt: w.now.toISOString().replace(/\.\d{3}Z$/, "Z") }),
    },
    hostStores(ctx.env),
  );
  const text = renderHostReport(report);
  // Read back as fleet reads it (what the profile links say is this host's, not ours to trust):
  // a report fleet would refuse is an error here, and nothing is written.
  const back = parseHostReportHeader(text, args.output ?? "host report");
  if (!back.ok)
    throw new InputError(
      back.error.map((i) => ({
        ...i,
        message: `fleet would refuse this report: ${i.message}`,
        next: "check the profile links and --system",
      })),
    );
  await ctx.write(text, args.output);
  return outcome();
}
