import yargs, { type Argv } from "yargs";
import { InputError, InternalError, UpstreamAuthError, UsageError } from "../app/errors.js";
import { renderIssues } from "../render/issue-text.js";
import { stripControls } from "../render/escape.js";
import type { CommandContext } from "./context.js";
import { ExitCode } from "./exit-codes.js";
import type { Env, Io } from "./io.js";
import { toolInfo, wire, type Wiring } from "./wire.js";
import { STDIN_PATH } from "../adapters/fs.js";
import * as sbom from "./commands/sbom.js";
import * as trace from "./commands/trace.js";
import * as resolve from "./commands/resolve.js";
import * as diff from "./commands/diff.js";
import * as check from "./commands/check.js";
import * as prReview from "./commands/pr-review.js";
import * as fleet from "./commands/fleet.js";
import * as hostReport from "./commands/host-report.js";

const EPILOG = `Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage error, 3 invalid input, 4 upstream incomplete, 70 internal error.`;

function makeContext(io: Io, env: Env): CommandContext {
  let wiring: Wiring | undefined;
  return {
    io,
    env,
    wiring: (timeoutSeconds) => (wiring ??= wire(io, env, env["FLAKE_AUDIT_VERBOSE"] === "1", timeoutSeconds)),
    async write(text, output) {
      if (output === undefined || output === STDIN_PATH) {
        for (const chunk of typeof text === "string" ? [text] : text) await io.stdout(chunk);
        return;
      }
      const { writeFileAtomic } = await import("../adapters/fs.js");
      await writeFileAtomic(output, text);
    },
  };
}

function parser(argv: readonly string[], ctx: CommandContext, setExit: (code: number) => void): Argv {
  const y = yargs([...argv])
    .scriptName("flake-audit")
    .usage("$0 <command> [options]\n\nAudit Nix flake.lock files: where every pinned thing comes from.")
    .strict()
    .exitProcess(false)
    .wrap(100)
    .version(toolInfo().version)
    .help()
    .alias("h", "help")
    .recommendCommands()
    .demandCommand(1, "name a command")
    .epilog(EPILOG)
    .fail((msg: string | undefined, e: Error | undefined) => {
      throw e ?? new UsageError(msg ?? "invalid arguments");
    });
  y.command(
    sbom.command,
    sbom.describe,
    (b: Argv) => sbom.builder(b, ctx),
    async (a) => setExit(await sbom.handler(a as unknown as sbom.SbomArgs, ctx)),
  );
  y.command(
    check.command,
    check.describe,
    (b: Argv) => check.builder(b, ctx),
    async (a) => setExit(await check.handler(a as unknown as check.CheckArgs, ctx)),
  );
  y.command(
    diff.command,
    diff.describe,
    (b: Argv) => diff.builder(b, ctx),
    async (a) => setExit(await diff.handler(a as unknown as diff.DiffArgs, ctx)),
  );
  y.command(
    prReview.command,
    prReview.describe,
    (b: Argv) => prReview.builder(b, ctx),
    async (a) => setExit(await prReview.handler(a as unknown as prReview.PrReviewArgs, ctx)),
  );
  y.command(
    resolve.command,
    resolve.describe,
    (b: Argv) => resolve.builder(b, ctx),
    async (a) => setExit(await resolve.handler(a as unknown as resolve.ResolveArgs, ctx)),
  );
  y.command(
    trace.command,
    trace.describe,
    (b: Argv) => trace.builder(b, ctx),
    async (a) => setExit(await trace.handler(a as unknown as trace.TraceArgs, ctx)),
  );
  y.command(
    fleet.command,
    fleet.describe,
    (b: Argv) => fleet.builder(b, ctx),
    async (a) => setExit(await fleet.handler(a as unknown as fleet.FleetArgs, ctx)),
  );
  y.command(
    hostReport.command,
    hostReport.describe,
    (b: Argv) => hostReport.builder(b, ctx),
    async (a) => setExit(await hostReport.handler(a as unknown as hostReport.HostReportArgs, ctx)),
  );
  return y;
}

/** The whole CLI: argv in, exit code out. The only place that maps errors to exit codes. */
export async function run(rawArgv: readonly string[], io: Io, env: Env): Promise<number> {
  // yargs turns a lone "-" into "" (or drops it for a default); /dev/stdin survives, and Files reads it from io.
  const argv = rawArgv.map((a) => (a === "-" ? STDIN_PATH : a));
  let code: number = ExitCode.Ok;
  const ctx = makeContext(io, env);
  try {
    let output = "";
    await parser(argv, ctx, (c) => (code = c)).parseAsync([...argv], {}, (_e: unknown, _a: unknown, out: string) => {
      output = out;
    });
    if (output !== "") await io.stdout(output.endsWith("\n") ? output : `${output}\n`);
    return code;
  } catch (e) {
    return reportError(e, io);
  }
}

function reportError(e: unknown, io: Io): number {
  if (e instanceof UpstreamAuthError) {
    io.stderr(`flake-audit: ${stripControls(e.message)}\n`);
    return ExitCode.Usage;
  }
  if (e instanceof UsageError || (e instanceof Error && e.name === "YError")) {
    io.stderr(`flake-audit: ${stripControls(e.message)}\nRun 'flake-audit --help' for usage.\n`);
    return ExitCode.Usage;
  }
  if (e instanceof InputError) {
    io.stderr(`flake-audit: invalid input\n${renderIssues(e.issues)}`);
    return ExitCode.InvalidInput;
  }
  const message = e instanceof Error ? e.message : String(e);
  const kind = e instanceof InternalError ? "internal error" : "unexpected internal error";
  io.stderr(
    `flake-audit ${toolInfo().version}: ${kind}: ${stripControls(message)}\nThis is a bug. Please report it with the command you ran.\n`,
  );
  return ExitCode.Internal;
}
