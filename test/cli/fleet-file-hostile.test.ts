import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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
  return `${lines.join("\n")}\nhosts:\n  - name: a\n    store: daemon\n`;
}
const DEEP = 20_000;

const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fleet = async (name: string, text: string, ...args: string[]) => {
  writeFileSync(path.join(dir, name), text);
  const started = performance.now();
  const r = await runCli(["fleet", name, ...args], { cwd: dir });
  return { ...r, ms: performance.now() - started };
};

describe("a fleet file goes through the policy's guarded parser: exit 3 with line:column, never 70", () => {
  it.each([
    ["bomb.yaml", aliasBomb(), /too many YAML aliases expanded.*a fleet file needs at most 100/],
    ["deep.json", `{"hosts": ${"[".repeat(DEEP)}${"]".repeat(DEEP)}}`, /deep\.json:1:\d+: nesting too deep/],
    ["deep-object.json", `{"hosts": ${'{"a": '.repeat(DEEP)}1${"}".repeat(DEEP)}}`, /nesting too deep/],
    ["deep.yaml", `hosts: ${"[".repeat(DEEP)}${"]".repeat(DEEP)}\n`, /deep\.yaml:1:\d+: nesting too deep/],
    [
      "deep-map.yaml",
      `hosts:\n  - name: a\n    store: ${"{a: ".repeat(DEEP)}1${"}".repeat(DEEP)}\n`,
      /nesting too deep/,
    ],
  ])("%s", async (name, text, message) => {
    const r = await fleet(name, text);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.ms).toBeLessThan(10_000);
  });

  it("JSON duplicate keys are refused where they are (YAML already refused them), at any depth", async () => {
    const text = [
      "{",
      '  "hosts": [{"name": "a", "report": "r.json"}],',
      '  "hosts": [{"name": "b", "store": "daemon", "store": "ssh-ng://x"}]',
      "}",
    ].join("\n");
    const r = await fleet("dup.json", text);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('dup.json:3:3: duplicate key "hosts"');
    expect(r.stderr).toContain('dup.json:3:46: /hosts/0: duplicate key "store"');
    const y = await fleet("dup.yaml", "hosts:\n  - name: a\n    store: daemon\n    store: daemon\n");
    expect(y.code).toBe(3);
    expect(y.stderr).toMatch(/dup\.yaml:4:\d+: invalid YAML: Map keys must be unique/);
  });

  it("unknown keys carry their line:column in JSON and YAML, at the top level too", async () => {
    const json = await fleet("unknown.json", '{"hosts": [{"name": "a", "store": "daemon", "stor": 1}],\n "extra": 2}');
    expect(json.code).toBe(3);
    expect(json.stderr).toContain('unknown.json:1:53: /hosts/0/stor: unknown key "stor"');
    expect(json.stderr).toContain('unknown.json:2:11: /extra: unknown key "extra"');
    const yaml = await fleet("unknown.yaml", "hosts:\n  - name: a\n    store: daemon\n    stor:\nextra: 2\n");
    expect(yaml.code).toBe(3);
    expect(yaml.stderr).toContain('unknown.yaml:4:5: /hosts/0/stor: unknown key "stor"');
    expect(yaml.stderr).toContain('unknown.yaml:5:1: /extra: unknown key "extra"');
  });

  it("a policy with JSON duplicate keys is refused the same way", async () => {
    writeFileSync(path.join(dir, "flake.lock"), '{"nodes":{"root":{}},"root":"root","version":7}');
    writeFileSync(path.join(dir, "policy.json"), '{"maxAgeDays": 10,\n "maxAgeDays": 900}');
    const r = await runCli(["check", "flake.lock", "--lock-only", "--policy", "policy.json"], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('policy.json:2:2: duplicate key "maxAgeDays"');
  });
});
