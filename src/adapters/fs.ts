import { promises as fs } from "node:fs";
import path from "node:path";
import { InputError } from "../app/errors.js";
import { errnoCode } from "./errno.js";
import type { FileText, Files } from "../app/ports.js";
import { runProgram, stderrTail } from "./subprocess.js";
import { sha256Hex } from "./native-sha256.js";

/**
 * Input files larger than this are refused before reading: no flake.lock or closure comes close, and
 * a JavaScript string cannot hold much more (V8's limit is about 512 MiB).
 */
export const MAX_INPUT_BYTES = 500 * 1024 * 1024;

function problem(displayPath: string, message: string, next: string): InputError {
  return new InputError([{ origin: displayPath, pointer: "", message, next }]);
}

async function explainDirectory(p: string): Promise<string> {
  const lock = path.join(p, "flake.lock");
  try {
    await fs.access(lock);
    return `pass the lock file itself, e.g. ${lock}`;
  } catch {
    return "pass the path of a file, not a directory";
  }
}

/** Inputs up to this size keep their bytes until the hash is asked for; larger ones are hashed at once. */
const LAZY_HASH_MAX_BYTES = 1024 * 1024;

/** A file read, with the SHA-256 of its bytes (or of the text's UTF-8) computed when first read. */
function fileText(displayPath: string, text: string, data: Buffer | string, directoryName: string): FileText {
  if (data.length > LAZY_HASH_MAX_BYTES) return { displayPath, text, sha256: sha256Hex(data), directoryName };
  let hash: string | undefined;
  return {
    displayPath,
    text,
    get sha256() {
      hash ??= sha256Hex(data);
      return hash;
    },
    directoryName,
  };
}

/** What the CLI turns `-` into; read through the process's Io, not the file system. */
export const STDIN_PATH = "/dev/stdin";

/** Files over node:fs; `-` (or /dev/stdin) reads standard input through `readStdin`. */
export function nodeFiles(readStdin: () => Promise<string>, cwd: string): Files {
  return {
    async exists(p: string): Promise<boolean> {
      try {
        return (await fs.stat(path.resolve(cwd, p))).isFile();
      } catch {
        return false;
      }
    },
    async readGitFile(rev: string, p: string): Promise<FileText> {
      // A leading "/" means relative to the repository's root; otherwise relative to the working directory.
      const spec = `${rev}:${p.startsWith("/") ? p.slice(1) : p.startsWith("./") ? p : `./${p}`}`;
      const r = await runProgram("git", ["show", spec], {
        cwd,
        maxOutputBytes: MAX_INPUT_BYTES,
        whenMissing: "install git, or pass the two lock files directly",
      });
      if (r.kind !== "ok")
        throw problem(
          spec,
          `git show failed: ${stderrTail(r.stderr, 2).replace(/\n/g, " ") || r.kind}`,
          "check the revision and the path (run flake-audit inside the repository)",
        );
      const text = r.stdout;
      return fileText(spec, text, text, path.basename(cwd));
    },
    async readText(p: string): Promise<FileText> {
      if (p === "-" || p === STDIN_PATH) {
        const text = await readStdin();
        return fileText("<stdin>", text, text, path.basename(cwd));
      }
      const abs = path.resolve(cwd, p);
      let bytes: Buffer;
      try {
        const st = await fs.stat(abs);
        if (st.isDirectory()) throw problem(p, "is a directory", await explainDirectory(abs));
        if (st.size > MAX_INPUT_BYTES)
          throw problem(
            p,
            `is ${st.size} bytes, more than the ${MAX_INPUT_BYTES} flake-audit reads`,
            "check that the path names the right file",
          );
        bytes = await fs.readFile(abs);
      } catch (e) {
        if (e instanceof InputError) throw e;
        throw fromErrno(p, e);
      }
      return fileText(p, bytes.toString("utf8"), bytes, path.basename(path.dirname(abs)));
    },
  };
}

function fromErrno(p: string, e: unknown): InputError {
  const code = errnoCode(e);
  switch (code) {
    case "ENOENT":
      return problem(
        p,
        "no such file",
        "check the path; by default flake-audit reads ./flake.lock (run `nix flake lock` to create one)",
      );
    case "EACCES":
    case "EPERM":
      return problem(p, "permission denied", "make the file readable, or run as a user who can read it");
    case "EISDIR":
      return problem(p, "is a directory", "pass the path of a file, not a directory");
    default:
      return problem(
        p,
        `cannot be read (${code ?? "unknown error"})`,
        "check the path and that the file is a regular file",
      );
  }
}
