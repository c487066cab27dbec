import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { DiffReportSchema } from "../../src/render/diff/report.schema.js";
import { runCli } from "../support/cli.js";
import { lockOnlyPair, writePair } from "../support/diff-scenarios.js";
import { FIXTURES, REPO } from "../support/paths.js";
import { lockUpdateRepo } from "../support/lock-update-repo.js";

const NOW = "2024-12-01T00:00:00Z";
const files = writePair(lockOnlyPair());

describe("flake-audit diff --lock-only (golden files)", () => {
  it.each([
    ["text", "txt"],
    ["markdown", "md"],
    ["json", "json"],
  ])("%s", async (format, ext) => {
    const r = await runCli(["diff", files.old, files.new, "--lock-only", "--format", format, "--now", NOW]);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.replaceAll(path.dirname(files.old), "<tmp>");
    await expect(out).toMatchFileSnapshot(`../golden/diff/lock-only.${ext}`);
  });

  it("JSON validates against the committed schema and its zod source", async () => {
    const r = await runCli(["diff", files.old, files.new, "--lock-only", "--format", "json", "--now", NOW]);
    const json = JSON.parse(r.stdout) as unknown;
    const schema = JSON.parse(readFileSync(path.join(REPO, "schemas", "lock-diff.v1.schema.json"), "utf8")) as object;
    expect(new Ajv2020.default({ strict: false }).compile(schema)(json)).toBe(true);
    expect(DiffReportSchema.parse(json)).toEqual(json);
  });

  it("colours only on a terminal, and never with NO_COLOR", async () => {
    const tty = await runCli(["diff", files.old, files.new, "--lock-only"], { isTTY: true });
    expect(tty.stdout).toContain("\u001b[");
    const noColor = await runCli(["diff", files.old, files.new, "--lock-only"], {
      isTTY: true,
      env: { NO_COLOR: "1" },
    });
    expect(noColor.stdout).not.toContain("\u001b[");
  });
});

describe("dates Nix would not write", () => {
  it("a lastModified past the year 275760 is printed as seconds, and a pin dated after --now says so", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-far-future-"));
    const lock = (rev: string, lastModified: number) =>
      JSON.stringify({
        nodes: {
          root: { inputs: { x: "x" } },
          x: {
            locked: { type: "github", owner: "o", repo: "r", rev, lastModified },
            original: { type: "github", owner: "o", repo: "r" },
          },
        },
        root: "root",
        version: 7,
      });
    writeFileSync(path.join(dir, "a.lock"), lock("1".repeat(40), 1_700_000_000));
    writeFileSync(path.join(dir, "b.lock"), lock("2".repeat(40), Number.MAX_SAFE_INTEGER));
    const text = await runCli(["diff", "a.lock", "b.lock", "--lock-only", "--now", NOW], { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`(${Number.MAX_SAFE_INTEGER})`);
    // Unwrapped: the line is longer than 80 columns.
    expect(text.stdout.replace(/\n +/g, " ")).toMatch(/the new pin is dated [\d.]+ days in the future/);
    const md = await runCli(["diff", "a.lock", "b.lock", "--lock-only", "--now", NOW, "--format", "markdown"], {
      cwd: dir,
    });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain(`(${Number.MAX_SAFE_INTEGER})`);
  });
});

describe("--fail-on", () => {
  it.each([
    ["none", 0],
    ["low", 1],
    ["medium", 1],
    ["high", 1],
  ])("%s exits %i", async (level, code) => {
    expect((await runCli(["diff", files.old, files.new, "--lock-only", "--fail-on", level])).code).toBe(code);
  });
  it("an identical pair never fails", async () => {
    expect((await runCli(["diff", files.old, files.old, "--lock-only", "--fail-on", "low"])).code).toBe(0);
  });
});

describe("inputs from git", () => {
  const pair = lockOnlyPair();
  const { repo } = lockUpdateRepo("flake-audit-git-", pair.old, pair.new);

  it("--git BASE [HEAD] diffs ./flake.lock at two commits", async () => {
    const r = await runCli(["diff", "--git", "HEAD~1", "--lock-only", "--format", "json"], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { changes: unknown[] }).changes.length).toBeGreaterThan(5);
  });

  it("REV:PATH reads one side from git", async () => {
    const r = await runCli(["diff", "HEAD~1:flake.lock", "flake.lock", "--lock-only", "--format", "json"], {
      cwd: repo,
    });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { old: { source: string } }).old.source).toBe("HEAD~1:./flake.lock");
  });

  it("a bad revision is invalid input (exit 3)", async () => {
    const r = await runCli(["diff", "nope:flake.lock", "flake.lock", "--lock-only"], { cwd: repo });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("git show failed");
  });
});

describe("usage", () => {
  it.each([
    [["diff"]],
    [["diff", "a.lock"]],
    [["diff", "a", "b", "--git", "HEAD"]],
    [["diff", "a", "b", "--closure-old", "x"]],
  ])("%j exits 2", async (argv) => {
    expect((await runCli(argv as string[])).code).toBe(2);
  });
});

describe("closure diff", () => {
  it("groups package changes by name with sizes, like nix store diff-closures", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-cl-"));
    const base = JSON.parse(
      readFileSync(path.join(FIXTURES, "closure", "list-2.8", "app-closure.json"), "utf8"),
    ) as Array<{ path: string; narSize: number }>;
    const changed = base
      .map((e) =>
        e.path.endsWith("-dep-1.0")
          ? { ...e, path: e.path.replace("dep-1.0", "dep-1.1"), narSize: e.narSize + 2048 }
          : e,
      )
      .filter((e) => !e.path.endsWith("-top-bin-3.0"));
    for (const e of changed)
      (e as { references?: string[] }).references = ((e as { references?: string[] }).references ?? [])
        .map((r) => r.replace("dep-1.0", "dep-1.1"))
        .filter((r) => !r.endsWith("-top-bin-3.0"));
    writeFileSync(path.join(dir, "a.json"), JSON.stringify(base));
    writeFileSync(path.join(dir, "b.json"), JSON.stringify(changed));
    const r = await runCli([
      "diff",
      files.old,
      files.old,
      "--lock-only",
      "--format",
      "json",
      "--closure-old",
      path.join(dir, "a.json"),
      "--closure-new",
      path.join(dir, "b.json"),
    ]);
    const report = JSON.parse(r.stdout) as {
      closure: { packages: Array<{ name: string; change: string; sizeDelta: number }> };
    };
    expect(report.closure.packages).toEqual([
      {
        name: "dep",
        change: "version-changed",
        oldVersions: ["1.0"],
        newVersions: ["1.1"],
        removedVersions: ["1.0"],
        addedVersions: ["1.1"],
        sizeDelta: 2048,
        shownByNix: true,
      },
      {
        name: "top-bin",
        change: "removed",
        oldVersions: ["3.0"],
        newVersions: [],
        removedVersions: ["3.0"],
        addedVersions: [],
        sizeDelta: -384,
        shownByNix: true,
      },
    ]);
  });
});
