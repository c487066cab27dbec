import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reportFiles } from "../../src/adapters/fleet/report-files.js";
import { nodeFiles } from "../../src/adapters/fs.js";
import { pool } from "../../src/adapters/pool.js";
import { ed25519Verifier } from "../../src/adapters/signatures.js";
import { InputError } from "../../src/app/errors.js";
import { MAX_FLEET_PATHS } from "../../src/app/fleet-budget.js";
import { fleetUseCase } from "../../src/app/fleet.js";
import type { HostStores } from "../../src/app/fleet-ports.js";
import { writeReportScenario } from "../support/fleet/scenario.js";

const noStores: HostStores = {
  closure: () => Promise.reject(new Error("no store in this test")),
  profile: () => Promise.reject(new Error("no store in this test")),
};

describe("a fleet run holds a bounded number of closure entries", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-budget-"));
  writeReportScenario(dir);
  const run = (maxPaths?: number) =>
    fleetUseCase(
      {
        reportsDir: "reports",
        jobs: 2,
        timeoutMs: 10_000,
        tool: { name: "flake-audit", version: "test" },
        ...(maxPaths !== undefined ? { maxPaths } : {}),
      },
      {
        files: nodeFiles(async () => "", dir),
        stores: noStores,
        reports: reportFiles(dir),
        verify: ed25519Verifier(),
        pool,
      },
    );

  it("past the limit the run stops with an error naming the limit and what to do, never a crash", async () => {
    const e = await run(5).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e instanceof InputError && e.issues[0]).toMatchObject({
      message: expect.stringContaining("more than 5 store paths in distinct closures"),
      next: expect.stringContaining("split --reports"),
    });
  });

  it("identical closures count once: the scenario's reports fit in 12 entries", async () => {
    expect((await run(12)).report.hosts.length).toBeGreaterThan(2);
    expect(MAX_FLEET_PATHS).toBe(1_500_000);
  });
});
