import { appendFile } from "node:fs/promises";
import { stripControls } from "../render/escape.js";
import { ExitCode } from "./exit-codes.js";
import type { Env, Io } from "./io.js";
import { run } from "./run.js";

/**
 * The GitHub Action (action.yml `runs.main`): the runner hands inputs over as environment
 * variables, and this turns them into one `flake-audit pr-review` run.
 */

/** An input as the runner sets it: INPUT_<name uppercased, spaces → _>; hyphens stay (`INPUT_FAIL-ON`). */
export function actionInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

// The YAML 1.2 core-schema booleans, as actions/toolkit's getBooleanInput accepts them.
const TRUE = ["true", "True", "TRUE"];
const FALSE = ["false", "False", "FALSE"];

function booleanInput(env: Env, name: string, fallback: boolean): boolean | string {
  const v = actionInput(env, name);
  if (v === "") return fallback;
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  return `input '${name}' must be true or false, found '${stripControls(v)}'`;
}

export interface ActionRun {
  readonly argv: readonly string[];
  readonly env: Env;
}

/** The pr-review run the inputs ask for, or what is wrong with them. */
export function actionRun(env: Env): ActionRun | { readonly error: string } {
  const lockOnly = booleanInput(env, "lock-only", false);
  const comment = booleanInput(env, "comment", true);
  if (typeof lockOnly === "string") return { error: lockOnly };
  if (typeof comment === "string") return { error: comment };
  const failOn = actionInput(env, "fail-on");
  // One installable per line; `=` keeps a value that starts with "-" a value (pr-review refuses it).
  const installables = actionInput(env, "installables")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const token = actionInput(env, "github-token");
  return {
    argv: [
      "pr-review",
      ...(failOn !== "" ? ["--fail-on", failOn] : []),
      ...(lockOnly ? ["--lock-only"] : []),
      ...(comment ? [] : ["--no-comment"]),
      ...installables.map((i) => `--installable=${i}`),
    ],
    // The token input wins over a GITHUB_TOKEN the workflow may also set; it is never put on argv.
    env: token !== "" ? { ...env, GITHUB_TOKEN: token } : env,
  };
}

const MEANING: Record<number, string> = {
  [ExitCode.Findings]: "findings at or above fail-on",
  [ExitCode.Usage]: "usage error",
  [ExitCode.InvalidInput]: "invalid input",
  [ExitCode.UpstreamIncomplete]: "upstream facts incomplete",
  [ExitCode.Internal]: "internal error",
};

/** Runs the Action; the exit code is the CLI's, also written to the `exit-code` output. */
export async function runAction(env: Env, io: Io): Promise<number> {
  const wanted = actionRun(env);
  if ("error" in wanted) io.stderr(`flake-audit: ${wanted.error}\n`);
  const code = "error" in wanted ? ExitCode.Usage : await run(wanted.argv, io, wanted.env);
  const output = env["GITHUB_OUTPUT"];
  if (output !== undefined && output !== "") await appendFile(output, `exit-code=${code}\n`);
  // A workflow command, so the failure shows on the run's summary page and not only in the log.
  if (code !== ExitCode.Ok) io.stderr(`::error title=flake-audit::exit code ${code} (${MEANING[code] ?? "unknown"})\n`);
  return code;
}
