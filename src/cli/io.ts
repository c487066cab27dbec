/** The process as the CLI sees it; tests pass a fake one. */
export interface Io {
  /** May return a promise when the stream wants the writer to wait (backpressure). */
  stdout(text: string): void | Promise<void>;
  stderr(text: string): void;
  readonly isTTY: boolean;
  readStdin(): Promise<string>;
  readonly cwd: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export const useColor = (io: Io, env: Env): boolean => io.isTTY && (env["NO_COLOR"] ?? "") === "";
