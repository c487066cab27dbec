import { realpath } from "node:fs/promises";
import path from "node:path";
import type { Workspace } from "../app/ports.js";
import { runProgram } from "./subprocess.js";

async function toplevel(dir: string): Promise<string | undefined> {
  const r = await runProgram("git", ["rev-parse", "--show-toplevel"], {
    cwd: dir,
    maxOutputBytes: 64 * 1024,
    whenMissing: "install git",
  });
  return r.kind === "ok" ? r.stdout.replace(/\n$/, "") : undefined;
}

/**
 * Paths from the root of the git work tree holding a file, asked of the installed `git` in the
 * file's own directory (a lock named by an absolute path may sit in another repository). Symlinks
 * are resolved on both sides, as git reports the real toplevel. Without git, or outside a work
 * tree, the answer is undefined: the report then says nothing rather than guess.
 */
export function gitWorkspace(cwd: string): Workspace {
  return {
    async repositoryPath(file) {
      try {
        const real = await realpath(path.resolve(cwd, file));
        const top = await toplevel(path.dirname(real));
        if (top === undefined) return undefined;
        const rel = path.relative(await realpath(top), real);
        return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? undefined : rel.split(path.sep).join("/");
      } catch {
        return undefined;
      }
    },
  };
}

/** The working directory's place in its git work tree (`sub/dir`, "" at the root or outside one). */
export async function gitPrefix(cwd: string): Promise<string> {
  const r = await runProgram("git", ["rev-parse", "--show-prefix"], {
    cwd,
    maxOutputBytes: 64 * 1024,
    whenMissing: "install git",
  });
  return r.kind === "ok" ? r.stdout.replace(/\/?\n$/, "") : "";
}
