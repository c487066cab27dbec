import { execFile } from "node:child_process";
import { InputError } from "../app/errors.js";
import type { Git } from "../app/ports.js";

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
