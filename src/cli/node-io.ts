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

/**
 * The real process streams. A reader that goes away (`| head`) ends the run quietly, as in other
 * CLIs; any other failure to write stdout (a full disk) becomes one OutputError, which the next
 * write or the final flush throws, so that cli/run.ts reports it once and exits 2.
 */
export function nodeIo(): Io {
  const out = process.stdout;
  let failure: OutputError | undefined;
  const waiting = new Set<() => void>();
  const fail = (e: unknown): OutputError => (failure ??= outputError("standard output", e));
  const recordFailure = (e: unknown): void => {
    if (e === null || e === undefined) return;
    if (errnoCode(e) === "EPIPE") process.exit(0);
    fail(e);
    for (const wake of waiting) wake();
  };
  out.on("error", recordFailure);
  // Nothing useful can be done when stderr itself cannot be written; it must not crash the run.
  process.stderr.on("error", () => undefined);
  return {
    stdout: (t) => {
      if (failure !== undefined) throw failure;
      if (out.write(t, recordFailure)) return undefined;
      return new Promise<void>((resolve, reject) => {
        const settle = () => {
          waiting.delete(settle);
          out.off("drain", settle);
          if (failure !== undefined) reject(failure);
          else resolve();
        };
        waiting.add(settle);
        out.on("drain", settle);
      });
    },
    flush: () =>
      new Promise<void>((resolve, reject) => {
        if (failure !== undefined) return reject(failure);
        out.write("", (e) => {
          recordFailure(e);
          if (failure !== undefined) reject(failure);
          else resolve();
        });
      }),
    stderr: (t) => void process.stderr.write(t),
    isTTY: out.isTTY === true,
    ...(out.isTTY === true && out.columns > 0 ? { columns: out.columns } : {}),
    readStdin: () => readAll(process.stdin),
    cwd: process.cwd(),
  };
}
