import { InputError } from "../app/errors.js";

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Killed after this long; no timeout when absent. */
  readonly timeoutMs?: number;
  /** stdout beyond this many bytes kills the program (a runaway cannot fill memory). */
  readonly maxOutputBytes: number;
  /** The next step when the program is not installed, e.g. "install Nix, or pass a file with --closure". */
  readonly whenMissing: string;
  /**
   * Aborting kills the program at once (SIGKILL: nix honours SIGTERM only between evaluation steps,
   * and an interrupted run must not outlive flake-audit); the result is then `failed`.
   */
  readonly signal?: AbortSignal;
}

/** How a program ended; stdout and stderr as text (stderr: its last STDERR_KEPT_BYTES, saying what was cut). */
export type RunResult =
  | { readonly kind: "ok"; readonly stdout: string; readonly stderr: string }
  | { readonly kind: "failed"; readonly exitCode?: number; readonly stdout: string; readonly stderr: string }
  | { readonly kind: "timeout"; readonly stderr: string }
  | { readonly kind: "too-much-output"; readonly stderr: string };

/** A remote can print gigabytes on stderr; only its end explains a failure. */
export const STDERR_KEPT_BYTES = 64 * 1024;
/** The most of a program's stderr that goes into one message. */
export const MAX_REASON_CHARS = 1000;
const KILL_GRACE_MS = 2000;

const hasCode = (e: unknown, code: string): boolean =>
  e instanceof Error && "code" in e && (e.code === code || String(e.code) === code);

/** The last `limit` bytes of a stream, and how many before them were dropped. */
class Tail {
  readonly #chunks: Buffer[] = [];
  #kept = 0;
  #dropped = 0;
  readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  push(b: Buffer): void {
    this.#chunks.push(b);
    this.#kept += b.length;
    while (this.#kept - (this.#chunks[0]?.length ?? 0) >= this.limit) {
      const first = this.#chunks.shift();
      this.#kept -= first?.length ?? 0;
      this.#dropped += first?.length ?? 0;
    }
  }
  text(): string {
    const all = Buffer.concat(this.#chunks);
    const cut = Math.max(0, all.length - this.limit);
    const dropped = this.#dropped + cut;
    const body = all.subarray(cut).toString("utf8");
    return dropped > 0 ? `[${dropped} earlier bytes of stderr cut]\n${body}` : body;
  }
}

/**
 * The one way flake-audit runs another program (nix, git, ssh): no shell, a typed result, a timeout,
 * bounded stdout and a bounded stderr tail. A program that is not installed is an InputError saying so.
 */
export async function runProgram(program: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  // Loaded on first use: node:child_process is ~5 ms of a small run, and most runs start no program.
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args], {
      stdio: ["ignore", "pipe", "pipe"],
      ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
      ...(opts.env !== undefined ? { env: definedOnly(opts.env) } : {}),
      ...(opts.signal !== undefined ? { signal: opts.signal, killSignal: "SIGKILL" as const } : {}),
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    const err = new Tail(STDERR_KEPT_BYTES);
    let ending: "timeout" | "too-much-output" | undefined;
    let grace: NodeJS.Timeout | undefined;
    const stop = (why: "timeout" | "too-much-output"): void => {
      if (ending !== undefined) return;
      ending = why;
      child.kill("SIGTERM");
      grace = setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS);
    };
    const timer = opts.timeoutMs !== undefined ? setTimeout(() => stop("timeout"), opts.timeoutMs) : undefined;
    child.stdout.on("data", (b: Buffer) => {
      outBytes += b.length;
      if (outBytes > opts.maxOutputBytes) stop("too-much-output");
      else out.push(b);
    });
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const done = (): void => {
      clearTimeout(timer);
      clearTimeout(grace);
    };
    child.on("error", (e) => {
      done();
      if (hasCode(e, "ENOENT"))
        reject(
          new InputError([
            {
              origin: program,
              pointer: "",
              message: `the ${program} command is not installed (or not on PATH)`,
              next: opts.whenMissing,
            },
          ]),
        );
      else resolve({ kind: "failed", stdout: "", stderr: e.message });
    });
    child.on("close", (code) => {
      done();
      const stderr = err.text();
      if (ending !== undefined) return resolve({ kind: ending, stderr });
      const stdout = Buffer.concat(out).toString("utf8");
      if (code === 0) return resolve({ kind: "ok", stdout, stderr });
      resolve({ kind: "failed", ...(code !== null ? { exitCode: code } : {}), stdout, stderr });
    });
  });
}

/** The variables of `parent` that `names` allows, those that are set: a program's whole environment. */
export function pickEnv(
  parent: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of names) {
    const v = parent[k];
    if (v !== undefined) env[k] = v;
  }
  return env;
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** The last lines of a program's stderr for an error message: at most MAX_REASON_CHARS, saying how much was cut. */
export function stderrTail(stderr: string, lines: number): string {
  const tail = stderr.trim().split("\n").slice(-lines).join("\n");
  if (tail.length <= MAX_REASON_CHARS) return tail;
  return `[${tail.length - MAX_REASON_CHARS} characters cut] ${tail.slice(-MAX_REASON_CHARS)}`;
}
