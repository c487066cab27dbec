import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reportFiles } from "../../src/adapters/fleet/report-files.js";
import { nodeFiles } from "../../src/adapters/fs.js";
import { pool } from "../../src/adapters/pool.js";
import { ed25519Verifier } from "../../src/adapters/signatures.js";
import { InputError } from "../../src/app/errors.js";
import { fleetUseCase } from "../../src/app/fleet.js";
import type { HostStores, ReadTimeout, ReportFiles } from "../../src/app/fleet-ports.js";
import { writeReportScenario } from "../support/fleet/scenario.js";

const noStores: HostStores = {
  closure: () => Promise.reject(new Error("no store in this test")),
  profile: () => Promise.reject(new Error("no store in this test")),
};

/** The real adapter, with each read's timeout written down as it reaches the port. */
function recorded(files: ReportFiles, seen: Array<[string, ReadTimeout | undefined]>): ReportFiles {
  return {
    list: (dir) => files.list(dir),
    read: (file, timeout) => {
      seen.push([file, timeout]);
      return files.read(file, timeout);
    },
  };
}

describe("a fleet-file host's timeoutSeconds bounds the read of its report", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-timeout-"));
  writeReportScenario(dir);
  writeFileSync(
    path.join(dir, "timeouts.yaml"),
    "hosts:\n  - name: slow\n    report: reports/web-1.json\n    timeoutSeconds: 7\n  - name: plain\n    report: reports/web-2.json\n",
  );

  it("the host's own timeout reaches the adapter; a host without one and --reports files keep --timeout", async () => {
    const seen: Array<[string, ReadTimeout | undefined]> = [];
    const run = await fleetUseCase(
      {
        fleetPath: "timeouts.yaml",
        reportsDir: "reports",
        jobs: 1,
        timeoutMs: 60_000,
        tool: { name: "flake-audit", version: "test" },
      },
      {
        files: nodeFiles(async () => "", dir),
        stores: noStores,
        reports: recorded(reportFiles(dir, 60_000), seen),
        verify: ed25519Verifier(),
        pool,
      },
    );
    expect(run.report.hosts.find((h) => h.name === "slow")?.status).toBe("ok");
    // web-1 is read twice: as the fleet file's host "slow" (its own 7 s), and from --reports (--timeout).
    expect(seen.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))).toEqual([
      ["reports/web-1.json", { ms: 7000, setting: "the host's timeoutSeconds" }],
      ["reports/web-1.json", undefined],
      ["reports/web-2.json", undefined],
      ["reports/web-2.json", undefined],
      ["reports/web-3.json", undefined],
      ["reports/web-4.json", undefined],
    ]);
  });

  it("the adapter reads within the given timeout, and says which setting it was when that runs out", async () => {
    const files = reportFiles(dir, 60_000);
    expect((await files.read("reports/web-1.json", { ms: 5_000, setting: "x" })).origin).toBe("reports/web-1.json");
    // A 64 MiB sparse file: reading it copies 64 MiB, far longer than 1 ms, on any machine and more so
    // under load; the loop is idle meanwhile, so the timer fires on time.
    const big = path.join(dir, "big.json");
    writeFileSync(big, "");
    truncateSync(big, 64 * 1024 * 1024);
    const e = await files.read("big.json", { ms: 1, setting: "the host's timeoutSeconds" }).catch((x) => x);
    const message = e instanceof InputError ? e.issues[0]?.message : "read to the end, no timeout";
    expect(message).toContain("did not finish within 0.001 s (the host's timeoutSeconds)");
  });
});
