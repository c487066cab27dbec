import { mkdtempSync, writeFileSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODE_MEANINGS, ExitCode } from "../../src/cli/exit-codes.js";
import { buildCli, runProcess } from "../support/built-cli.js";
import { runCli } from "../support/cli.js";
import { lockFixture } from "../support/paths.js";

// The issue "Install and run it anywhere: the CLI fits the terminal and the shell".

const longest = (text: string): number => Math.max(...text.split("\n").map((l) => l.length));

describe("help wraps to the terminal width", () => {
  it.each([40, 60, 120])("%i columns", async (columns) => {
    // -h and grouped short flags too: help is wrapped only when argv asks for it (parser.ts).
    for (const argv of [["--help"], ["check", "--help"], ["sbom", "--help"], ["sbom", "-h"], ["diff", "-qh"]]) {
      const r = await runCli(argv, { isTTY: true, columns });
      expect(r.code).toBe(0);
      expect(longest(r.stdout), argv.join(" ")).toBeLessThanOrEqual(columns);
    }
  });

  it("80 columns when stdout is not a terminal", async () => {
    const r = await runCli(["sbom", "--help"]);
    expect(longest(r.stdout)).toBeLessThanOrEqual(80);
    expect(longest(r.stdout)).toBeGreaterThan(70);
  });

  it("a wide terminal is used", async () => {
    const r = await runCli(["check", "--help"], { isTTY: true, columns: 160 });
    expect(longest(r.stdout)).toBeGreaterThan(100);
  });
});

describe("every command's --help lists the exit codes it can return, in its own words", () => {
  const all = Object.values(ExitCode);
  const can: Record<string, ExitCode[]> = {
    sbom: [0, 2, 3, 4, 70],
    check: [0, 1, 2, 3, 4, 70],
    diff: [0, 1, 2, 3, 4, 70],
    "pr-review": [0, 1, 2, 3, 4, 70],
    resolve: [0, 1, 2, 3, 4, 70],
    trace: [0, 2, 3, 4, 70],
    fleet: [0, 1, 2, 3, 4, 70],
    "host-report": [0, 2, 3, 70],
    graph: [0, 2, 3, 70],
    completion: [0, 2, 70],
    verify: [0, 1, 2, 3, 70],
  };
  /** Codes a command words itself (verify has no --fail-on: its 1 is an invalid signature). */
  const own: Record<string, Partial<Record<ExitCode, RegExp>>> = {
    verify: {
      0: /^ {3}0 {2}the SBOM's signature/m,
      1: /^ {3}1 {2}invalid: a signature does not verify/m,
      3: /^ {3}3 {2}the SBOM or the key cannot be read/m,
    },
  };
  it.each(Object.entries(can))("%s", async (command, codes) => {
    const r = await runCli([command, "--help"], { columns: 400 });
    expect(r.code).toBe(0);
    const [options = "", section = ""] = r.stdout.split("Exit codes:");
    const listed = section
      .split("\n")
      .flatMap((l) => /^\s+(\d+)\s/.exec(l)?.[1] ?? [])
      .map(Number);
    expect(listed).toEqual(all.filter((c) => codes.includes(c)));
    for (const c of codes.filter((c) => c !== ExitCode.UpstreamIncomplete)) {
      const words = own[command]?.[c];
      if (words !== undefined) expect(section).toMatch(words);
      else expect(section).toContain(`${String(c).padStart(4)}  ${EXIT_CODE_MEANINGS[c]}`);
    }
    // Every flag the exit-code lines name is one this command has.
    const has = new Set([...options.matchAll(/^\s+(?:-\w, )?--([a-z][a-z0-9-]*)/gm)].map((m) => m[1]));
    const named = [...section.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1]);
    for (const flag of named) expect(has, `${command} --help names --${flag}`).toContain(flag);
  });

  it.each([
    ["sbom", "GitHub could not answer for every input (only with --resolve; never with --offline)"],
    ["trace", "the installed nix could not answer for every path; the report lists what under gaps"],
    ["check", "(never with --offline or --lock-only)"],
    ["resolve", "(never with --offline)"],
  ])("%s words exit 4 from its own flags", async (command, words) => {
    const r = await runCli([command, "--help"], { columns: 400 });
    expect(r.stdout.split("\n").find((l) => /^\s+4\s/.test(l))).toContain(words);
  });
});

describe("--quiet (-q, FLAKE_AUDIT_QUIET=1): stderr carries only errors", () => {
  const unlocked = lockFixture("valid", "unlocked.lock");
  it("warnings show without it", async () => {
    expect((await runCli(["sbom", unlocked, "--reproducible"])).stderr).toContain("warning: input 'dirty'");
  });
  it.each([
    ["--quiet", ["--quiet"], {}],
    ["-q", ["-q"], {}],
    ["FLAKE_AUDIT_QUIET=1", [], { FLAKE_AUDIT_QUIET: "1" }],
  ])("%s silences warnings", async (_name, flags, env) => {
    const r = await runCli(["sbom", unlocked, "--reproducible", ...flags], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toBeTruthy();
  });
  it("errors still show under --quiet", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "flake-audit-quiet-"));
    writeFileSync(path.join(dir, "flake.lock"), "{ not json");
    const r = await runCli(["check", "-q"], { cwd: dir, env: { FLAKE_AUDIT_VERBOSE: "1" } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^flake-audit: invalid input\n/);
  });
});

describe("flake-audit completion", () => {
  it.each([
    ["completion", "zsh"],
    ["completion", "--shell", "zsh"],
  ])("%s %s %s prints a zsh script", async (...argv) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^#compdef flake-audit\n/);
    expect(r.stdout).toContain("compdef _flake_audit flake-audit");
  });

  it("an unknown shell is a usage error", async () => {
    const r = await runCli(["completion", "fish"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Given: "fish", Choices: "bash", "zsh"');
  });

  describe("the bash script completes through the real CLI", () => {
    let cli: Awaited<ReturnType<typeof buildCli>>;
    let bin: string;
    beforeAll(async () => {
      cli = await buildCli();
      bin = mkdtempSync(path.join(os.tmpdir(), "flake-audit-bin-"));
      writeFileSync(path.join(bin, "flake-audit"), `#!/bin/sh\nexec "${process.execPath}" "${cli.main}" "$@"\n`);
      chmodSync(path.join(bin, "flake-audit"), 0o755);
    });
    afterAll(() => cli.remove());

    /** What bash would offer after `words`, the last one being the word under the cursor. */
    const complete = async (...words: string[]): Promise<string[]> => {
      const script = (await runCli(["completion"])).stdout;
      const r = await runProcess(
        "bash",
        [
          "-c",
          `eval "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _flake_audit_completions; printf '%s\\n' "\${COMPREPLY[@]}"`,
          "bash",
          script,
          "flake-audit",
          ...words,
        ],
        // A zsh user's bash: the script must still get plain words.
        { env: { ...process.env, PATH: `${bin}:${process.env["PATH"] ?? ""}`, SHELL: "/bin/zsh" } },
      );
      expect(r.stderr).toBe("");
      return r.stdout.split("\n").filter((l) => l !== "");
    };

    it("commands", async () => {
      expect(await complete("")).toEqual(expect.arrayContaining(["sbom", "check", "diff", "trace", "resolve"]));
      expect(await complete("tr")).toEqual(["trace"]);
    });
    it("a command's options", async () => {
      expect(await complete("check", "--fail")).toEqual(["--fail-on"]);
    });
    it("an option's choices", async () => {
      expect(await complete("check", "--format", "")).toEqual(["text", "markdown", "json", "sarif", "html"]);
    });
  });
});
