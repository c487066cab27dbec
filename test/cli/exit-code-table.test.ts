import { describe, expect, it } from "vitest";
import { InputError, InternalError, OutputError, UpstreamAuthError, UsageError } from "../../src/app/errors.js";
import { ExitCode, exitCodeOf, exitCodesHelp } from "../../src/cli/exit-codes.js";
import { outcome, upstreamMode, type Outcome } from "../../src/cli/outcome.js";

const yargsError = Object.assign(new Error("Unknown argument: x"), { name: "YError" });
const issue = { origin: "flake.lock", pointer: "", message: "is not JSON", next: "fix it" };

describe("one exit-code decision: every row of the table", () => {
  const outcomes: Array<[string, Outcome, ExitCode]> = [
    ["nothing to report", outcome(), ExitCode.Ok],
    ["a high finding, --fail-on high", outcome({ severities: ["high"], failOn: "high" }), ExitCode.Findings],
    ["a medium finding, --fail-on high", outcome({ severities: ["medium"], failOn: "high" }), ExitCode.Ok],
    ["a medium finding, --fail-on low", outcome({ severities: ["medium"], failOn: "low" }), ExitCode.Findings],
    ["a low finding, --fail-on low", outcome({ severities: ["low"], failOn: "low" }), ExitCode.Findings],
    ["an info finding, --fail-on low", outcome({ severities: ["info"], failOn: "low" }), ExitCode.Ok],
    ["a high finding, --fail-on none", outcome({ severities: ["high"], failOn: "none" }), ExitCode.Ok],
    ["incomplete, online", outcome({ incomplete: true }), ExitCode.UpstreamIncomplete],
    ["incomplete, --offline (a choice)", outcome({ incomplete: true, upstream: "offline" }), ExitCode.Ok],
    ["incomplete, --lock-only (a choice)", outcome({ incomplete: true, upstream: "lock-only" }), ExitCode.Ok],
    [
      "findings beat incomplete (1 > 4)",
      outcome({ severities: ["high"], failOn: "high", incomplete: true }),
      ExitCode.Findings,
    ],
    [
      "incomplete with findings below the gate",
      outcome({ severities: ["low"], failOn: "high", incomplete: true }),
      ExitCode.UpstreamIncomplete,
    ],
  ];
  it.each(outcomes)("outcome: %s", (_name, o, code) => {
    expect(exitCodeOf({ outcome: o, errors: [] })).toBe(code);
  });

  const errors: Array<[string, unknown, ExitCode]> = [
    ["UsageError", new UsageError("bad flag"), ExitCode.Usage],
    ["yargs' own parse error", yargsError, ExitCode.Usage],
    ["UpstreamAuthError (a rejected token)", new UpstreamAuthError("401"), ExitCode.Usage],
    ["OutputError (could not write output)", new OutputError("no space left"), ExitCode.Usage],
    ["InputError", new InputError([issue]), ExitCode.InvalidInput],
    ["InternalError", new InternalError("broken invariant"), ExitCode.Internal],
    ["any other Error", new TypeError("x is undefined"), ExitCode.Internal],
    ["a thrown non-Error", "a string", ExitCode.Internal],
  ];
  it.each(errors)("error: %s", (_name, e, code) => {
    expect(exitCodeOf({ errors: [e] })).toBe(code);
  });

  const findings = outcome({ severities: ["high"], failOn: "low" });
  const incomplete = outcome({ incomplete: true });
  const precedence: Array<[string, Parameters<typeof exitCodeOf>[0], ExitCode]> = [
    ["70 > 2", { errors: [new UsageError("u"), new TypeError("bug")] }, ExitCode.Internal],
    ["2 > 3", { errors: [new InputError([issue]), new OutputError("full")] }, ExitCode.Usage],
    ["3 > 1", { outcome: findings, errors: [new InputError([issue])] }, ExitCode.InvalidInput],
    ["2 > 1 (findings, then stdout failed)", { outcome: findings, errors: [new OutputError("full")] }, ExitCode.Usage],
    ["2 > 4", { outcome: incomplete, errors: [new OutputError("full")] }, ExitCode.Usage],
    ["70 > 4", { outcome: incomplete, errors: [new TypeError("bug")] }, ExitCode.Internal],
    ["no outcome and no error", { errors: [] }, ExitCode.Ok],
  ];
  it.each(precedence)("precedence: %s", (_name, ending, code) => {
    expect(exitCodeOf(ending)).toBe(code);
  });

  it("--lock-only wins over --offline; neither is online", () => {
    expect(upstreamMode({ offline: false })).toBe("online");
    expect(upstreamMode({ offline: true })).toBe("offline");
    expect(upstreamMode({ offline: true, lockOnly: true })).toBe("lock-only");
    expect(upstreamMode({ offline: false, lockOnly: false })).toBe("online");
  });

  it("a help paragraph lists only the codes given, with their meaning", () => {
    expect(exitCodesHelp([ExitCode.Ok, ExitCode.InvalidInput])).toBe("Exit codes:\n   0  ok\n   3  invalid input");
  });
});

describe("no command chooses a code itself", () => {
  it("src/cli/commands has no literal exit code and no `as unknown as`", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const dir = path.resolve(import.meta.dirname, "../../src/cli");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), "utf8");
      expect(text, f).not.toMatch(/as unknown as/);
      if (f.startsWith("commands")) expect(text, f).not.toMatch(/\breturn\s+[0-9]+\b|\?\s*[14]\s*:\s*0\b/);
    }
  });
});

describe("env twins of flags with choices are checked like the flags", () => {
  it("FLAKE_AUDIT_FORMAT=bogus is a usage error naming the variable", async () => {
    const { runCli } = await import("../support/cli.js");
    const r = await runCli(["check", "--lock-only"], { env: { FLAKE_AUDIT_FORMAT: "bogus" } });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(
      /^flake-audit: FLAKE_AUDIT_FORMAT must be one of text, markdown, json, sarif, html; found 'bogus'\n/,
    );
  });
});
