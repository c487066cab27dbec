import type { Io } from "./io.js";
import { MAX_INPUT_BYTES } from "../adapters/fs.js";
import { InputError } from "../app/errors.js";

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

/** The real process streams. A reader that goes away (`| head`) ends the run quietly, as in other CLIs. */
export function nodeIo(): Io {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  return {
    stdout: (t) =>
      process.stdout.write(t)
        ? undefined
        : new Promise<void>((resolve) => process.stdout.once("drain", () => resolve())),
    stderr: (t) => void process.stderr.write(t),
    isTTY: process.stdout.isTTY === true,
    readStdin: () => readAll(process.stdin),
    cwd: process.cwd(),
  };
}
