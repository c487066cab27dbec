import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, runProcess } from "../support/built-cli.js";
import { runCli } from "../support/cli.js";
import { REPO } from "../support/paths.js";

// `flake-audit --version` alone is answered by src/main.ts without loading yargs (cli/start.ts);
// with anything beside it, yargs answers. Both must say the same thing and fail the same way.

const VERSION: unknown = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")).version;

describe("--version", () => {
  let cli: Awaited<ReturnType<typeof buildCli>>;
  beforeAll(async () => {
    cli = await buildCli();
  });
  afterAll(() => cli.remove());

  /** The built command with stdout sent to `target` by the shell. */
  const to = (target: string, ...args: string[]) =>
    runProcess("bash", ["-c", `exec "$0" "$@" >${target}`, process.execPath, cli.main, ...args]);

  it("prints the package's version and a newline, as yargs does", async () => {
    const fast = await runProcess(process.execPath, [cli.main, "--version"]);
    const yargs = await runCli(["--version"]);
    expect(fast).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
    expect(yargs).toMatchObject({ code: 0, stdout: fast.stdout, stderr: "" });
  });

  it("with another flag beside it, yargs answers (the same version)", async () => {
    const r = await runProcess(process.execPath, [cli.main, "--version", "--quiet"]);
    expect(r).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it("an unwritable stdout is an output error (exit 2), told as for any command", async () => {
    const fast = await to("/dev/full", "--version");
    const yargs = await to("/dev/full", "--version", "--quiet");
    expect(fast.code).toBe(2);
    expect(fast.stderr).toBe(
      "flake-audit: could not write output to standard output: no space left on the device; free some space, or write elsewhere\n",
    );
    expect(yargs).toMatchObject({ code: fast.code, stderr: fast.stderr });
  });
});
