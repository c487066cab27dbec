import { execFile } from "node:child_process";
import { InputError } from "../app/errors.js";

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Killed after this long; no timeout when absent. */
  readonly timeoutMs?: number;
  /** stdout or stderr beyond this many bytes kills the program (a runaway cannot fill memory). */
  readonly maxOutputBytes: number;
  /** The next step when the program is not installed, e.g. "install Nix, or pass a file with --closure". */
  readonly whenMissing: string;
}

/** How a program ended; stdout and stderr as text. */
export type RunResult =
  | { readonly kind: "ok"; readonly stdout: string; readonly stderr: string }
  | { readonly kind: "failed"; readonly exitCode?: number; readonly stdout: string; readonly stderr: string }
  | { readonly kind: "timeout"; readonly stderr: string }
  | { readonly kind: "too-much-output"; readonly stderr: string };

const hasCode = (e: unknown, code: string): boolean =>
  e instanceof Error && "code" in e && (e.code === code || String(e.code) === code);

/**
 * The one way flake-audit runs another program (nix, git): no shell, a typed result, a timeout,
 * bounded output. A program that is not installed is an InputError saying so and what to do.
 */
export function runProgram(program: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      program,
      [...args],
      {
        encoding: "utf8",
        maxBuffer: opts.maxOutputBytes,
        ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
        ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
        ...(opts.env !== undefined ? { env: definedOnly(opts.env) } : {}),
      },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ kind: "ok", stdout, stderr });
        if (hasCode(error, "ENOENT"))
          return reject(
            new InputError([
              {
                origin: program,
                pointer: "",
                message: `the ${program} command is not installed (or not on PATH)`,
                next: opts.whenMissing,
              },
            ]),
          );
        if (hasCode(error, "ERR_CHILD_PROCESS_STDIO_MAXBUFFER")) return resolve({ kind: "too-much-output", stderr });
        if (error.killed === true && opts.timeoutMs !== undefined) return resolve({ kind: "timeout", stderr });
        const exitCode = typeof error.code === "number" ? error.code : undefined;
        resolve({ kind: "failed", ...(exitCode !== undefined ? { exitCode } : {}), stdout, stderr });
      },
    );
  });
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** The last lines of a program's stderr, for an error message. */
export const stderrTail = (stderr: string, lines: number): string => stderr.trim().split("\n").slice(-lines).join("\n");
