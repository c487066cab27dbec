import type { Env, Io } from "./io.js";
import type { Wiring } from "./wire.js";

/** What a command handler gets: the process, and the wiring built on first use. */
export interface CommandContext {
  readonly io: Io;
  readonly env: Env;
  /** Built on first use; `timeoutSeconds` bounds nix and network calls. */
  wiring(timeoutSeconds?: number): Wiring;
  /** Writes the result to stdout, or atomically to a file. */
  write(text: string | Iterable<string>, output: string | undefined): Promise<void>;
}
