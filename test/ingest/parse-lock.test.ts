import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFlakeLockWalked } from "../../src/ingest/lock/flake-lock.js";
import { parseLock } from "../../src/ingest/lock/parse-lock.js";
import { UNEXPLAINED } from "../../src/ingest/lock/source-attrs.js";
import { runCli } from "../support/cli.js";
import { lockFixture, lockFixtures } from "../support/paths.js";

/**
 * The CLI parses a lock without zod (parseLock with no explainer) and loads zod only when the
 * hand-written checks reject something. That must never change a verdict, only defer it.
 */
describe("parsing a lock without zod", () => {
  it.each(lockFixtures("valid"))("%s: the same graph and walk as with zod", (name) => {
    const file = lockFixture("valid", name);
    const text = readFileSync(file, "utf8");
    expect(parseLock(text, file)).toEqual(parseFlakeLockWalked(text, file));
  });

  it.each(lockFixtures("invalid"))("%s: the same issues as with zod, or none yet (UNEXPLAINED)", (name) => {
    const file = lockFixture("invalid", name);
    const text = readFileSync(file, "utf8");
    const r = parseLock(text, file);
    const withZod = parseFlakeLockWalked(text, file);
    expect(withZod.ok).toBe(false);
    if (r !== UNEXPLAINED) expect(r).toEqual(withZod);
  });

  it("leaves to zod what only zod explains (a rev that is not a commit id)", () => {
    const file = lockFixture("invalid", "bad-rev.lock");
    expect(parseLock(readFileSync(file, "utf8"), file)).toBe(UNEXPLAINED);
  });

  it("the CLI then loads zod and prints its explanation", async () => {
    const file = lockFixture("invalid", "bad-rev.lock");
    const r = await runCli(["sbom", file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("expected a 40-character (or 64-character) lowercase hex commit id");
  });
});
