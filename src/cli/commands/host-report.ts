import { hostname } from "node:os";
import type { Argv } from "yargs";
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

export async function handler(args: HostReportArgs, ctx: CommandContext): Promise<Outcome> {
  const { hostReportUseCase } = await import("../../app/host-report.js");
  const { hostStores } = await import("../../adapters/fleet/host-stores.js");
  const { renderHostReport } = await import("../../render/fleet/host-report-json.js");
  const w = ctx.wiring(args.timeout);
  const report = await hostReportUseCase(
    {
      host: args.name ?? hostname(),
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
  await ctx.write(renderHostReport(report), args.output);
  return outcome();
}
