import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { ExitCode } from "../../src/cli/exit-codes.js";

describe("exit code 70: a bug is reported as one, with the version and no stack trace", () => {
  it("an unexpected failure inside a command", async () => {
    let stdout = "";
    let stderr = "";
    const code = await run(
      ["sbom", "-"],
      {
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
        isTTY: false,
        readStdin: () => Promise.reject(new TypeError("stdin exploded")),
        cwd: "/",
      },
      {},
    );
    expect(code).toBe(ExitCode.Internal);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^flake-audit \d+\.\d+\.\d+: unexpected internal error: stdin exploded\nThis is a bug/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
