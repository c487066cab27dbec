/** The process as the CLI sees it; tests pass a fake one. */
export interface Io {
  /** May return a promise when the stream wants the writer to wait (backpressure). */
  stdout(text: string): void | Promise<void>;
  stderr(text: string): void;
  readonly isTTY: boolean;
  /** The terminal's width when stdout is a terminal; help wraps to it (80 otherwise). */
  readonly columns?: number;
  readStdin(): Promise<string>;
  readonly cwd: string;
  /**
   * Resolves once everything written to stdout has been taken by the system, and rejects with an
   * OutputError when it could not be (a full disk); a fake Io, which cannot fail, need not have it.
   */
  flush?(): Promise<void>;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export const useColor = (io: Io, env: Env): boolean => io.isTTY && (env["NO_COLOR"] ?? "") === "";

/**
 * The columns text reports wrap to: the terminal's when the report goes to it, else 80 (a file, a
 * pipe, a CI log).
 */
export const textWidth = (io: Io, output: string | undefined): number =>
  output === undefined && io.columns !== undefined ? io.columns : 80;

/** The Io of a --quiet run: stderr carries only the errors, which cli/run.ts writes to the real Io. */
export const quietIo = (io: Io): Io => ({ ...io, stderr: () => undefined });
