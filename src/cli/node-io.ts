import type { Io } from "./io.js";

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** The real process streams. A reader that goes away (`| head`) ends the run quietly, as in other CLIs. */
export function nodeIo(): Io {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  return {
    stdout: (t) => (process.stdout.write(t) ? undefined : new Promise<void>((resolve) => process.stdout.once("drain", () => resolve()))),
    stderr: (t) => void process.stderr.write(t),
    isTTY: process.stdout.isTTY === true,
    readStdin: () => readAll(process.stdin),
    cwd: process.cwd(),
  };
}
