import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkLock } from "../support/check-scenarios.js";
import { gh, lockText } from "../support/diff-scenarios.js";
import { runCli } from "../support/cli.js";
import { CORPUS, hasCorpus, REPO } from "../support/paths.js";
import { hasMultitool, multitoolValidate } from "../support/sarif-multitool.js";

interface Sarif {
  runs: Array<{
    originalUriBaseIds?: Record<string, { uri?: string; description?: { text: string } }>;
    automationDetails: { id: string };
    tool: { driver: { rules: Array<{ id: string; name: string }> } };
    results: Array<{
      ruleId: string;
      message: { text: string };
      locations: Array<{
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region?: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }>;
    }>;
  }>;
}

const NOW = "2026-11-25";
const sarifArgs = ["--format", "sarif", "--lock-only", "--fail-on", "none", "--now", NOW];

/** A git repository with the scenario lock in `nix/flake.lock`, and a directory outside any repository. */
const root = mkdtempSync(path.join(tmpdir(), "flake-audit-sarif-"));
const repo = path.join(root, "repo");
mkdirSync(path.join(repo, "nix", "deeper"), { recursive: true });
execFileSync("git", ["init", "-q", repo]);
writeFileSync(path.join(repo, "nix", "flake.lock"), checkLock());
const outside = path.join(root, "outside");
mkdirSync(outside);
writeFileSync(path.join(outside, "flake.lock"), checkLock());

const sarifOf = async (args: string[], cwd: string, stdin?: string): Promise<Sarif> => {
  const r = await runCli(["check", ...args, ...sarifArgs], { cwd, ...(stdin !== undefined ? { stdin } : {}) });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Sarif;
};
const artifacts = (s: Sarif) => [
  ...new Set(s.runs[0]!.results.map((r) => JSON.stringify(r.locations[0]!.physicalLocation.artifactLocation))),
];

describe("SARIF locations code scanning can resolve, however check is invoked", () => {
  it.each([
    ["from the repository root", ["nix/flake.lock"], repo],
    ["from the lock's directory", ["flake.lock"], path.join(repo, "nix")],
    ["from a deeper directory", ["../flake.lock"], path.join(repo, "nix", "deeper")],
    ["by absolute path from elsewhere", [path.join(repo, "nix", "flake.lock")], outside],
  ])("%s: the path from the repository root, against SRCROOT", async (_how, args, cwd) => {
    const s = await sarifOf(args, cwd);
    expect(artifacts(s)).toEqual([JSON.stringify({ uri: "nix/flake.lock", uriBaseId: "%SRCROOT%" })]);
    expect(Object.keys(s.runs[0]!.originalUriBaseIds ?? {})).toEqual(["%SRCROOT%"]);
    expect(s.runs[0]!.originalUriBaseIds?.["%SRCROOT%"]?.uri).toBeUndefined(); // no machine path
    expect(s.runs[0]!.automationDetails.id).toBe("flake-audit/check/nix/flake.lock/");
    expect(JSON.stringify(s)).not.toContain(root);
  });

  it("standard input: a valid relative URI, no machine path", async () => {
    const s = await sarifOf(["-"], outside, checkLock());
    expect(artifacts(s)).toEqual([JSON.stringify({ uri: "stdin" })]);
    expect(s.runs[0]!.automationDetails.id).toBe("flake-audit/check/stdin/");
    expect(JSON.stringify(s)).not.toContain(root);
  });

  it("outside a repository, an absolute path is a file URI and the category names no directory", async () => {
    const s = await sarifOf([path.join(outside, "flake.lock")], repo);
    expect(artifacts(s)).toEqual([JSON.stringify({ uri: `file://${path.join(outside, "flake.lock")}` })]);
    expect(s.runs[0]!.automationDetails.id).toBe("flake-audit/check/flake.lock/");
  });

  it("rules have a name that is not their id; regions span the node key the message is about", async () => {
    const s = await sarifOf(["flake.lock"], path.join(repo, "nix"));
    const lines = readFileSync(path.join(repo, "nix", "flake.lock"), "utf8").split("\n");
    for (const rule of s.runs[0]!.tool.driver.rules) expect(rule.name.toLowerCase()).not.toBe(rule.id.toLowerCase());
    for (const r of s.runs[0]!.results) {
      const region = r.locations[0]!.physicalLocation.region!;
      expect(region.endLine).toBe(region.startLine);
      const key = lines[region.startLine - 1]!.slice(region.startColumn - 1, region.endColumn - 1);
      // The message names the input; the region is the key of the node that input path leads to.
      const input = r.message.text.slice(0, r.message.text.indexOf(":"));
      expect(key, `${r.ruleId} ${input}`).toMatch(/^"[^"]+"$/);
    }
  });
});

describe("the result's location is the node its input path leads to", () => {
  it("a source locked by two identical nodes points at the primary path's node, not the first key", async () => {
    // `a` (the primary path: same length as `b`, smaller) leads to node `x_2`; `b` leads to `x`.
    const old = gh("acme", "lib", 1, { lastModified: Date.parse("2020-01-01T00:00:00Z") / 1000 });
    const text = lockText({ root: { inputs: { a: "x_2", b: "x" } }, x: old, x_2: old });
    writeFileSync(path.join(outside, "twins.lock"), text);
    const s = await sarifOf(["twins.lock"], outside);
    const stale = s.runs[0]!.results.filter((r) => r.ruleId === "stale");
    expect(stale.map((r) => r.message.text.slice(0, 2))).toEqual(["a:"]);
    const region = stale[0]!.locations[0]!.physicalLocation.region!;
    const line = text.split("\n")[region.startLine - 1]!;
    expect(line.slice(region.startColumn - 1, region.endColumn - 1)).toBe('"x_2"');
  });
});

describe.skipIf(!hasMultitool)("Microsoft's SARIF multitool accepts the SARIF (SARIF and GitHub rules)", () => {
  it("every SARIF golden, and the outputs of every invocation", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-sarif-out-"));
    const outputs = [
      ["in-repo.sarif", ["nix/flake.lock"], repo],
      ["absolute.sarif", [path.join(repo, "nix", "flake.lock")], outside],
      ["outside.sarif", ["flake.lock"], outside],
    ] as const;
    for (const [name, args, cwd] of outputs)
      writeFileSync(path.join(dir, name), JSON.stringify(await sarifOf([...args], cwd)));
    writeFileSync(path.join(dir, "stdin.sarif"), JSON.stringify(await sarifOf(["-"], outside, checkLock())));
    // closure.sarif (a closure checked without a lock) has no locations by design, which GitHub's
    // rules refuse: check-closure.test.ts validates it with the SARIF rules and names GitHub's three.
    const goldens = readdirSync(path.join(REPO, "test/golden/check"))
      .filter((f) => f.endsWith(".sarif") && f !== "closure.sarif")
      .map((f) => path.join(REPO, "test/golden/check", f));
    expect(goldens.length).toBeGreaterThan(0);
    const files = [...goldens, ...readdirSync(dir).map((f) => path.join(dir, f))];
    const v = await multitoolValidate(files);
    expect(v.stdout).toContain(`${files.length} files scanned`);
    expect(v.problems).toEqual([]);
    expect(v.code, v.stdout).toBe(0);
  }, 300_000);

  it.skipIf(!hasCorpus)(
    "the SARIF of every corpus lock",
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-sarif-corpus-"));
      const locks = readdirSync(path.join(CORPUS, "locks")).filter((f) => f.endsWith(".lock"));
      for (const f of locks) {
        const r = await runCli(["check", f, ...sarifArgs], { cwd: path.join(CORPUS, "locks") });
        if (r.code === 0) writeFileSync(path.join(dir, `${f}.sarif`), r.stdout);
      }
      const written = readdirSync(dir).length;
      expect(written).toBeGreaterThan(locks.length / 2);
      const v = await multitoolValidate([path.join(dir, "*.sarif")]);
      expect(v.stdout).toContain(`${written} files scanned`);
      expect(v.problems).toEqual([]);
      expect(v.code, v.stdout).toBe(0);
    },
    600_000,
  );
});
