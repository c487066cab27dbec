import { fstatSync } from "node:fs";
import type { Io } from "./io.js";
import { MAX_INPUT_BYTES } from "../adapters/fs.js";
import { outputError } from "../adapters/output-file.js";
import { errnoCode } from "../adapters/errno.js";
import { InputError, type OutputError } from "../app/errors.js";

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > MAX_INPUT_BYTES)
      throw new InputError([
        {
          origin: "<stdin>",
          pointer: "",
          message: `is more than the ${MAX_INPUT_BYTES} bytes flake-audit reads`,
          next: "check what is piped in",
        },
      ]);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A terminal is a character device; a file, pipe or socket is not (fstat answers without a stream). */
function mayBeTerminal(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

/**
 * The real process streams. A reader that goes away (`| head`) ends the run quietly, as in other
 * CLIs; any other failure to write stdout (a full disk) becomes one OutputError, which the next
 * write or the final flush throws, so that cli/run.ts reports it once and exits 2.
 * Each stream is made on its first use: making one loads Node's stream modules (~5 ms), and a run
 * that writes its report to a file and has nothing to warn about uses neither.
 */
export function nodeIo(): Io {
  let out: NodeJS.WriteStream | undefined;
  let failure: OutputError | undefined;
  const waiting = new Set<() => void>();
  const fail = (e: unknown): OutputError => (failure ??= outputError("standard output", e));
  const recordFailure = (e: unknown): void => {
    if (e === null || e === undefined) return;
    if (errnoCode(e) === "EPIPE") process.exit(0);
    fail(e);
    for (const wake of waiting) wake();
  };
  const stdout = (): NodeJS.WriteStream => {
    if (out === undefined) {
      out = process.stdout;
      out.on("error", recordFailure);
    }
    return out;
  };
  let stderrReady = false;
  const stderr = (): NodeJS.WriteStream => {
    // Nothing useful can be done when stderr itself cannot be written; it must not crash the run.
    if (!stderrReady) process.stderr.on("error", () => undefined);
    stderrReady = true;
    return process.stderr;
  };
  const tty = mayBeTerminal(1) && stdout().isTTY === true;
  return {
    stdout: (t) => {
      if (failure !== undefined) throw failure;
      const s = stdout();
      if (s.write(t, recordFailure)) return undefined;
      return new Promise<void>((resolve, reject) => {
        const settle = () => {
          waiting.delete(settle);
          s.off("drain", settle);
          if (failure !== undefined) reject(failure);
          else resolve();
        };
        waiting.add(settle);
        s.on("drain", settle);
      });
    },
    flush: () =>
      new Promise<void>((resolve, reject) => {
        if (failure !== undefined) return reject(failure);
        // Nothing was written: there is nothing to wait for.
        if (out === undefined) return resolve();
        out.write("", (e) => {
          recordFailure(e);
          if (failure !== undefined) reject(failure);
          else resolve();
        });
      }),
    stderr: (t) => void stderr().write(t),
    isTTY: tty,
    ...(tty && stdout().columns > 0 ? { columns: stdout().columns } : {}),
    readStdin: () => readAll(process.stdin),
    cwd: process.cwd(),
  };
}
