import { InputError, InternalError, OutputError, UpstreamAuthError, UsageError } from "../app/errors.js";
import { renderIssues } from "../render/issue-text.js";
import { oneLine } from "../render/escape.js";
import { exitCodeOf } from "./exit-codes.js";
import type { Env, Io } from "./io.js";
import type { Outcome } from "./outcome.js";
import { parser } from "./parser.js";
import { skipHelpCache } from "./help-cache.js";
import { toolInfo } from "./wire.js";
import { STDIN_PATH } from "../adapters/fs.js";

/**
 * The whole CLI: argv in, exit code out. Commands end in an outcome or an error; cli/exit-codes.ts
 * turns those into the code, and this is the one place errors are told to the user.
 */
export async function run(rawArgv: readonly string[], io: Io, env: Env): Promise<number> {
  // yargs turns a lone "-" into "" (or drops it for a default); /dev/stdin survives, and Files reads it from io.
  const argv = rawArgv.map((a) => (a === "-" ? STDIN_PATH : a));
  let outcome: Outcome | undefined;
  const errors: unknown[] = [];
  try {
    let output = "";
    const cli = parser(argv, io, env, (o) => (outcome = o));
    skipHelpCache(cli);
    await cli.parseAsync([...argv], {}, (_e: unknown, _a: unknown, out: string) => {
      output = out;
    });
    if (output !== "") await io.stdout(output.endsWith("\n") ? output : `${output}\n`);
  } catch (e) {
    errors.push(e);
  }
  try {
    await io.flush?.();
  } catch (e) {
    // The same failure a write already reported is told once.
    if (!errors.includes(e)) errors.push(e);
  }
  for (const e of errors) reportError(e, io);
  return exitCodeOf(outcome !== undefined ? { outcome, errors } : { errors });
}

/**
 * Messages can quote outside strings (paths, store paths, values): each is printed as one line, so
 * a newline in one cannot start a line that reads as flake-audit's own. Exported for `--version`'s own
 * write (cli/start.ts).
 */
export function reportError(e: unknown, io: Io): void {
  if (e instanceof UpstreamAuthError || e instanceof OutputError) {
    io.stderr(`flake-audit: ${oneLine(e.message)}\n`);
    return;
  }
  if (e instanceof UsageError || (e instanceof Error && e.name === "YError")) {
    io.stderr(`flake-audit: ${oneLine(e.message)}\nRun 'flake-audit --help' for usage.\n`);
    return;
  }
  if (e instanceof InputError) {
    io.stderr(`flake-audit: invalid input\n${renderIssues(e.issues)}`);
    return;
  }
  const message = e instanceof Error ? e.message : String(e);
  const kind = e instanceof InternalError ? "internal error" : "unexpected internal error";
  io.stderr(
    `flake-audit ${toolInfo().version}: ${kind}: ${oneLine(message)}\nThis is a bug. Please report it with the command you ran.\n`,
  );
}
