import { STDIN_PATH } from "../adapters/fs.js";
import { writeOutputFile } from "../adapters/output-file.js";
import type { Env, Io } from "./io.js";
import { wire, type Wiring } from "./wire.js";

/** What a command handler gets: the process, and the wiring built on first use. */
export interface CommandContext {
  readonly io: Io;
  readonly env: Env;
  /** Built on first use; `timeoutSeconds` bounds nix and network calls. */
  wiring(timeoutSeconds?: number): Wiring;
  /** Writes the result to stdout, or to a file (atomically when it is a regular file). */
  write(text: string | Iterable<string>, output: string | undefined): Promise<void>;
}

/** `-o -` and `-o /dev/stdout` mean standard output, through the Io like any other output. */
const STDOUT_NAMES: ReadonlySet<string> = new Set([STDIN_PATH, "/dev/stdout"]);

export function makeContext(io: Io, env: Env): CommandContext {
  let wiring: Wiring | undefined;
  return {
    io,
    env,
    wiring: (timeoutSeconds) => (wiring ??= wire(io, env, env["FLAKE_AUDIT_VERBOSE"] === "1", timeoutSeconds)),
    async write(text, output) {
      if (output === undefined || STDOUT_NAMES.has(output)) {
        for (const chunk of typeof text === "string" ? [text] : text) await io.stdout(chunk);
        return;
      }
      await writeOutputFile(output, text, io.cwd);
    },
  };
}
