import { InputError } from "../app/errors.js";
import type { Git } from "../app/ports.js";
import { runProgram, stderrTail } from "./subprocess.js";

const WHEN_MISSING = "install git, or pass the two lock files directly";
// Lists of file names and exit statuses: a few MB would already be a strange repository.
const MAX_OUTPUT = 64 * 1024 * 1024;

/** Git over the installed `git`, in `cwd`. */
export function gitCli(cwd: string): Git {
  const git = (args: string[]) =>
    runProgram("git", args, { cwd, maxOutputBytes: MAX_OUTPUT, whenMissing: WHEN_MISSING });
  return {
    hasFile: async (rev, path) => (await git(["cat-file", "-e", `${rev}:${path}`])).kind === "ok",
    async changedLocks(base, head) {
      const r = await git([
        "diff",
        "--name-only",
        `${base}...${head}`,
        "--",
        ":(top)flake.lock",
        ":(top,glob)**/flake.lock",
      ]);
      if (r.kind !== "ok")
        throw new InputError([
          {
            origin: `git diff ${base}...${head}`,
            pointer: "",
            message: `git failed: ${stderrTail(r.stderr, 4) || r.kind}`,
            next: "fetch both revisions (actions/checkout with fetch-depth: 0)",
          },
        ]);
      return r.stdout
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l.endsWith("flake.lock"))
        .sort();
    },
  };
}
