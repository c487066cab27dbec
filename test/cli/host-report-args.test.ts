import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-host-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HASH = "0".repeat(32);

describe("host-report refuses, as a usage error, what fleet would refuse when it reads the report", () => {
  it.each([
    [
      "a name with an escape sequence",
      ["--name", "web\u001b[2J-1"],
      /--name "web\\u001b\[2J-1" is not a host name fleet accepts/,
    ],
    ["a name with a newline", ["--name", "web-1\nforged: line"], /is not a host name fleet accepts/],
    ["an empty name", ["--name", ""], /is not a host name fleet accepts/],
    ["a name starting with a dot", ["--name", ".hidden"], /is not a host name fleet accepts/],
    ["a name of 101 characters", ["--name", "a".repeat(101)], /is not a host name fleet accepts/],
    [
      "a system with ..",
      ["--name", "web-1", "--system", `/nix/store/../../etc/${HASH}-x`],
      /--system .* is not a store path fleet accepts/,
    ],
    ["a system that is not a store path", ["--name", "web-1", "--system", "path:/home/me#x"], /is not a store path/],
  ])("%s: exit 2, nothing written, before nix runs", async (_name, args, message) => {
    const out = path.join(dir, "report.json");
    const r = await runCli(["host-report", ...args, "-o", out], { cwd: dir, env: { PATH: "/nonexistent" } });
    expect(r.code, r.stderr).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain("\u001b");
    expect(r.stderr.split("\n").filter((l) => l.startsWith("forged"))).toEqual([]);
  });
});

describe("fleet refuses `..` inside a report's store paths, with the pointer", () => {
  it.each([
    ["/system", (p: string) => ({ system: p })],
    ["/generations/0/path", (p: string) => ({ generations: [{ number: 1, path: p }] })],
  ])("%s", async (pointer, field) => {
    const good = `/nix/store/${HASH}-nixos-system`;
    const evil = `/nix/store/../../etc/${HASH}-nixos-system`;
    const report = {
      kind: "flake-audit-host-report",
      schemaVersion: 1,
      tool: { name: "flake-audit", version: "0.1.0" },
      host: "web-1",
      system: good,
      generations: [{ number: 1, path: good }],
      ...field(evil),
      closure: [],
    };
    writeFileSync(path.join(dir, "web-1.json"), JSON.stringify(report));
    const r = await runCli(["fleet", "--reports", ".", "--format", "json", "--fail-on", "none"], { cwd: dir });
    expect(r.code).toBe(4);
    const gaps: Array<{ reason: string }> = JSON.parse(r.stdout).gaps;
    expect(gaps.map((g) => g.reason).join("\n")).toMatch(
      new RegExp(`web-1\\.json:1:\\d+ ${pointer}: expected a store path`),
    );
  });
});
