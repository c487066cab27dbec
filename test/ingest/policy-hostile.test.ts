import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/ingest/policy/policy.js";
import { runCli } from "../support/cli.js";

/** Billion laughs: nine levels of nine aliases each, 9^10 strings once expanded. */
function aliasBomb(): string {
  const lines = [`a0: &a0 [${Array(9).fill('"lol"').join(", ")}]`];
  for (let i = 1; i <= 9; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(", ")}]`,
    );
  return `${lines.join("\n")}\n`;
}
const DEEP = 6000;
const HOSTILE: Array<[string, string]> = [
  ["bomb.yaml", aliasBomb()],
  ["deep-array.json", `{"rules": ${"[".repeat(DEEP)}${"]".repeat(DEEP)}}`],
  ["deep-object.json", `{"rules": ${'{"a": '.repeat(DEEP)}1${"}".repeat(DEEP)}}`],
  ["deep-array.yaml", `rules: ${"[".repeat(DEEP)}${"]".repeat(DEEP)}\n`],
  ["deep-object.yaml", `rules: ${"{a: ".repeat(DEEP)}1${"}".repeat(DEEP)}\n`],
];

describe("A YAML alias bomb or JSON nested 5,000+ deep in a policy exits 3, quickly", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-policy-"));
  writeFileSync(path.join(dir, "flake.lock"), '{"nodes":{"root":{}},"root":"root","version":7}');
  for (const [name, text] of HOSTILE) writeFileSync(path.join(dir, name), text);

  it.each(HOSTILE.map(([name]) => [name]))("%s", async (name) => {
    const started = performance.now();
    const r = await runCli(["check", "flake.lock", "--lock-only", "--policy", name], { cwd: dir });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(name);
    expect(r.stderr).toMatch(/alias|nest/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("an ordinary alias is still fine", () => {
    const p = parsePolicy("x: &t 30\nmaxAgeDays: *t\n", "p.yaml");
    expect(p.ok).toBe(false); // `x` is not a policy field: a clear schema error, not a crash
    const q = parsePolicy(
      "overrides:\n  - inputs: a\n    maxAgeDays: &t 30\n  - inputs: b\n    maxAgeDays: *t\n",
      "q.yaml",
    );
    expect(q.ok && q.value.overrides.map((o) => o.settings.maxAgeDays)).toEqual([30, 30]);
  });
});
