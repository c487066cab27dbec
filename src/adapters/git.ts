import { execFile } from "node:child_process";
import { realpath } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../app/errors.js";
import type { Git, Workspace } from "../app/ports.js";

const toplevel = (dir: string): Promise<string | undefined> =>
  new Promise((resolve) =>
    execFile("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" }, (error, stdout) =>
      resolve(error === null ? stdout.replace(/\n$/, "") : undefined),
    ),
  );

/**
 * Paths from the root of the git work tree holding a file, asked of the installed `git` in the
 * file's own directory (a lock named by an absolute path may sit in another repository). Symlinks
 * are resolved on both sides, as git reports the real toplevel.
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
        return undefined; // no such file or no git: the report says nothing rather than guess
      }
    },
  };
}

/** Git over the installed `git`, in `cwd`. */
export function gitCli(cwd: string): Git {
  return {
    hasFile: (rev, path) =>
      new Promise((resolve) =>
        execFile("git", ["cat-file", "-e", `${rev}:${path}`], { cwd }, (error) => resolve(error === null)),
      ),
    changedLocks: (base, head) =>
      new Promise((resolve, reject) => {
        execFile(
          "git",
          ["diff", "--name-only", `${base}...${head}`, "--", ":(top)flake.lock", ":(top,glob)**/flake.lock"],
          { cwd, encoding: "utf8" },
          (error, stdout, stderr) => {
            if (error !== null)
              return reject(
                new InputError([
                  {
                    origin: `git diff ${base}...${head}`,
                    pointer: "",
                    message: `git failed: ${stderr.trim() || error.message}`,
                    next: "fetch both revisions (actions/checkout with fetch-depth: 0)",
                  },
                ]),
              );
            resolve(
              stdout
                .split("\n")
                .map((l) => l.trim())
                .filter((l) => l.endsWith("flake.lock"))
                .sort(),
            );
          },
        );
      }),
  };
}
