import { describe, expect, it } from "vitest";
import { InputError } from "../../src/app/errors.js";
import { MAX_REASON_CHARS, runProgram, STDERR_KEPT_BYTES, stderrTail } from "../../src/adapters/subprocess.js";

const opts = { maxOutputBytes: 1024, whenMissing: "install it" };

describe("runProgram (the one subprocess helper)", () => {
  it("a program that is not installed is an InputError saying so and what to do", async () => {
    const e = await runProgram("flake-audit-no-such-program", [], opts).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e instanceof InputError && e.issues[0]).toMatchObject({
      message: "the flake-audit-no-such-program command is not installed (or not on PATH)",
      next: "install it",
    });
  });

  it("typed results: ok, failed with its exit code, timeout, too much output", async () => {
    expect(await runProgram("sh", ["-c", "echo hi"], opts)).toEqual({ kind: "ok", stdout: "hi\n", stderr: "" });
    expect(await runProgram("sh", ["-c", "echo no >&2; exit 3"], opts)).toMatchObject({
      kind: "failed",
      exitCode: 3,
      stderr: "no\n",
    });
    const started = Date.now();
    expect(await runProgram("sleep", ["10"], { ...opts, timeoutMs: 200 })).toMatchObject({ kind: "timeout" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await runProgram("sh", ["-c", "yes | head -c 100000"], opts)).toMatchObject({ kind: "too-much-output" });
  });

  it("50 MB on stderr is kept as its last 64 KiB, and a reason from it says how much was cut", async () => {
    const r = await runProgram(
      "sh",
      ["-c", "head -c 50000000 /dev/zero | tr '\\0' x >&2; echo the-end >&2; exit 1"],
      opts,
    );
    expect(r.kind).toBe("failed");
    expect(r.stderr.length).toBeLessThan(STDERR_KEPT_BYTES + 100);
    expect(r.stderr).toMatch(/^\[\d+ earlier bytes of stderr cut\]\n/);
    expect(r.stderr.endsWith("the-end\n")).toBe(true);
    const reason = stderrTail(r.stderr, 3);
    expect(reason.length).toBeLessThan(MAX_REASON_CHARS + 40);
    expect(reason).toMatch(/^\[\d+ characters cut\] x+the-end$/);
  });
});
