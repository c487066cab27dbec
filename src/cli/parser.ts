import yargs, { type Argv } from "yargs";
import { UsageError } from "../app/errors.js";
import { makeContext, type CommandContext } from "./context.js";
import { ExitCode, exitCodesHelp, type IncompleteMeaning } from "./exit-codes.js";
import { flagsOf, optionTable, withEnvTwins } from "./env-twins.js";
import { withSuggestions } from "./suggest-flag.js";
import { quietIo, type Env, type Io } from "./io.js";
import { outcome, type Outcome } from "./outcome.js";
import { toolInfo } from "./wire.js";
import { envFlag } from "./commands/shared-options.js";
import * as sbom from "./commands/sbom.js";
import * as trace from "./commands/trace.js";
import * as resolve from "./commands/resolve.js";
import * as diff from "./commands/diff.js";
import * as check from "./commands/check.js";
import * as prReview from "./commands/pr-review.js";
import * as completion from "./commands/completion.js";
import * as fleet from "./commands/fleet.js";
import * as hostReport from "./commands/host-report.js";
import * as graph from "./commands/graph.js";

const ALL_EXIT_CODES = Object.values(ExitCode);

/**
 * Whether argv asks for help (`--help`, `-h`, or `h` among grouped short flags): the only time
 * yargs shows it, since usage errors go through `.fail`. yargs renders the command's whole help
 * before every handler all the same (to cache it), and wrapping that text measures every string's
 * width: 50 ms of a small run's start-up. So help is wrapped only when it will be seen.
 */
const asksForHelp = (argv: readonly string[]): boolean => {
  const end = argv.indexOf("--");
  return (end >= 0 ? argv.slice(0, end) : argv).some((a) => a === "--help" || /^-[a-zA-Z]*h[a-zA-Z]*$/.test(a));
};

/** The options every command has. */
interface GlobalArgs {
  readonly quiet: boolean;
}

/** What the parser needs of a command module besides its builder and handler. */
interface CommandHelp {
  readonly command: string;
  readonly exitCodes: readonly ExitCode[];
  /** What exit 4 means for the command, when it can end with 4. */
  readonly incomplete?: IncompleteMeaning;
}

/** Instead of running a command: its name and the arguments it would get (tests of the parser). */
export type DryRun = (command: string, args: object) => void;

/**
 * The yargs parser of the whole CLI. A command's handler gets its typed arguments and a context
 * (a quiet one under --quiet); what it comes to is handed to `settle`. With `dryRun`, no handler
 * runs: the parsed arguments go to it and the run ends with an empty outcome.
 */
export function parser(argv: readonly string[], io: Io, env: Env, settle: (o: Outcome) => void, dryRun?: DryRun) {
  const ctx = makeContext(io, env);
  const quietCtx = makeContext(quietIo(io), env);
  const handle =
    <A>(handler: (args: A, ctx: CommandContext) => Promise<Outcome>) =>
    async (args: A & GlobalArgs & { readonly _: readonly (string | number)[] }): Promise<void> => {
      if (dryRun === undefined) return settle(await handler(args, args.quiet ? quietCtx : ctx));
      dryRun(String(args._[0]), args);
      settle(outcome());
    };
  // After the command's own builder: every flag it declared gets its env twin, and its exit codes
  // are worded from the flags it has.
  // The flags of the command being parsed (its builder is the one that ran), for "did you mean".
  let known: readonly string[] = ["quiet", "help", "version"];
  const helpOf = <T>(y: Argv<T>, cmd: CommandHelp): Argv<T> => {
    const table = optionTable(y);
    const options = new Set(table !== undefined ? flagsOf(table, cmd.command) : []);
    known = [...options];
    const incomplete = cmd.incomplete !== undefined ? { meaning: cmd.incomplete, options } : undefined;
    return withEnvTwins(y, env, cmd.command).epilog(exitCodesHelp(cmd.exitCodes, incomplete));
  };
  return yargs([...argv])
    .scriptName("flake-audit")
    .usage("$0 <command> [options]\n\nAudit Nix flake.lock files: where every pinned thing comes from.")
    .strict()
    .exitProcess(false)
    .wrap(asksForHelp(argv) ? (io.columns ?? 80) : null)
    .version(toolInfo().version)
    .help()
    .alias("h", "help")
    .recommendCommands()
    .demandCommand(1, "name a command")
    .option("quiet", {
      alias: "q",
      type: "boolean",
      default: envFlag(env, "quiet"),
      describe: "no progress and no warnings on stderr, only errors",
    })
    .epilog(exitCodesHelp(ALL_EXIT_CODES))
    .fail((msg: string | undefined, e: Error | undefined) => {
      throw e ?? new UsageError(withSuggestions(msg ?? "invalid arguments", known));
    })
    .command(sbom.command, sbom.describe, (y) => helpOf(sbom.builder(y, ctx), sbom), handle(sbom.handler))
    .command(check.command, check.describe, (y) => helpOf(check.builder(y, ctx), check), handle(check.handler))
    .command(diff.command, diff.describe, (y) => helpOf(diff.builder(y, ctx), diff), handle(diff.handler))
    .command(
      prReview.command,
      prReview.describe,
      (y) => helpOf(prReview.builder(y, ctx), prReview),
      handle(prReview.handler),
    )
    .command(
      resolve.command,
      resolve.describe,
      (y) => helpOf(resolve.builder(y, ctx), resolve),
      handle(resolve.handler),
    )
    .command(trace.command, trace.describe, (y) => helpOf(trace.builder(y, ctx), trace), handle(trace.handler))
    .command(graph.command, graph.describe, (y) => helpOf(graph.builder(y, ctx), graph), handle(graph.handler))
    .command(fleet.command, fleet.describe, (y) => helpOf(fleet.builder(y, ctx), fleet), handle(fleet.handler))
    .command(
      hostReport.command,
      hostReport.describe,
      (y) => helpOf(hostReport.builder(y, ctx), hostReport),
      handle(hostReport.handler),
    )
    .command(
      completion.command,
      completion.describe,
      (y) => helpOf(completion.builder(y, ctx), completion),
      handle(completion.handler),
    );
}
