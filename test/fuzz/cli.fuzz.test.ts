import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { type Case, COMMANDS } from "./cases.js";
import { FLEET_COMMANDS, FLEET_HAZARDS } from "./fleet-cases.js";

/**
 * A bounded fuzz suite: mutated locks, policies, path-info, derivations, GitHub cache entries, fleet
 * files and host reports go through every command in process, offline. Whatever the input, the CLI must answer with a
 * documented exit code (never 70), print no stack trace, finish in time, and leave no output file
 * behind when it fails. Fixed seed and run counts keep it deterministic and fast.
 */
const SEED = 20_261_127;
const RUNS = 12;
const DOCUMENTED_EXITS = new Set([0, 1, 2, 3, 4]);
const TIME_BOUND_MS = 8_000;

const work = mkdtempSync(path.join(tmpdir(), "flake-audit-fuzz-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let caseNo = 0;

/** Runs one case and returns what went wrong with it, or nothing. */
async function runCase(c: Case): Promise<string | undefined> {
  const dir = path.join(work, `case-${caseNo++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(c.files)) writeFileSync(path.join(dir, name), text);
  const cacheRoot = path.join(dir, "cache");
  for (const [name, text] of Object.entries(c.cache ?? {})) {
    const file = path.join(cacheRoot, "flake-audit", name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const before = new Set(readdirSync(dir));
  const start = performance.now();
  const r = await runCli(c.argv(dir), { cwd: dir, env: { XDG_CACHE_HOME: cacheRoot, HOME: dir } });
  const elapsed = Math.round(performance.now() - start);
  const left = readdirSync(dir).filter((f) => !before.has(f) && f !== "cache");
  rmSync(dir, { recursive: true, force: true });
  const problems = [
    DOCUMENTED_EXITS.has(r.code) ? undefined : `undocumented exit ${r.code}`,
    /^\s+at /m.test(r.stderr) ? "stack trace on stderr" : undefined,
    elapsed < TIME_BOUND_MS ? undefined : `took ${elapsed} ms`,
    // Exit 2 and 3 write nothing; 0, 1 and 4 (a partial result) write the output.
    c.output !== undefined && (r.code === 2 || r.code === 3) && left.length > 0
      ? `left behind after exit ${r.code}: ${left.join(", ")}`
      : undefined,
    c.output !== undefined && (r.code <= 1 || r.code === 4) && !left.includes(c.output)
      ? `no ${c.output} after exit ${r.code}`
      : undefined,
  ].filter((p) => p !== undefined);
  if (problems.length === 0) return undefined;
  const firstLine = r.stderr.split("\n").find((l) => l.trim() !== "") ?? "";
  return `${c.command} [${c.classes.join(", ")}]: ${problems.join("; ")} (exit ${r.code}) ${firstLine.slice(0, 200)}`;
}

describe("fuzz: every command survives mutated input (fixed seed, bounded runs)", () => {
  it.each([...COMMANDS, ...FLEET_COMMANDS])("%s", async (_name, arbitrary) => {
    // fc.sample, not fc.assert: every case runs (no shrinking, which would re-run slow inputs) and
    // all failures are reported at once, named by input class.
    const failures: string[] = [];
    for (const c of fc.sample(arbitrary, { seed: SEED, numRuns: RUNS })) {
      const problem = await runCase(c);
      if (problem !== undefined) failures.push(problem);
    }
    expect(failures).toEqual([]);
  });
});

describe("fuzz: every known fleet-file and host-report hazard, once each", () => {
  it.each(FLEET_HAZARDS)("%s", async (_name, c) => {
    expect(await runCase(c)).toBeUndefined();
  });
});
