import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, runProcess } from "../support/built-cli.js";
import { writeReportScenario } from "../support/fleet/scenario.js";

/**
 * FIFOs where reports are read, against the built CLI in a child process: an open that blocks would
 * block the whole process (and an in-process test with it), so the child's deadline is the check.
 */
describe("fleet: a FIFO is refused at once, whatever --timeout says", () => {
  let cli: Awaited<ReturnType<typeof buildCli>>;
  let dir: string;
  beforeAll(async () => {
    cli = await buildCli();
    dir = mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-fifo-"));
    writeReportScenario(dir);
    execFileSync("mkfifo", [path.join(dir, "reports", "web-9.json")]);
    execFileSync("mkfifo", [path.join(dir, "elsewhere.fifo")]);
    symlinkSync("../elsewhere.fifo", path.join(dir, "reports", "web-8.json"));
    writeFileSync(
      path.join(dir, "fifo-host.yaml"),
      "hosts:\n  - name: piped\n    report: reports/web-9.json\n  - name: linked\n    report: reports/web-8.json\n",
    );
  }, 60_000);
  afterAll(() => {
    cli.remove();
    rmSync(dir, { recursive: true, force: true });
  });
  const fleet = (...args: string[]) =>
    runProcess(process.execPath, [cli.main, "fleet", ...args, "--format", "json", "--fail-on", "none"], {
      cwd: dir,
      timeoutMs: 30_000,
    });

  it("in --reports DIR (and a link there to a FIFO elsewhere): a gap each, the other hosts read, exit 4", async () => {
    const start = performance.now();
    const r = await fleet("--reports", "reports", "--timeout", "600");
    expect(r.signal).toBeNull();
    expect(performance.now() - start).toBeLessThan(15_000);
    expect(r.code).toBe(4);
    const gaps: Array<{ subject: string; reason: string }> = JSON.parse(r.stdout).gaps;
    const reasons = gaps.map((g) => g.reason).join("\n");
    expect(reasons).toMatch(/reports\/web-9\.json: cannot read: is not a regular file/);
    expect(reasons).toMatch(/reports\/web-8\.json: cannot read: is a symbolic link out of the reports directory/);
    expect(r.stdout).toContain("web-1");
  }, 40_000);

  it("named by the fleet file as a host's report (also through a link): refused, not a hang", async () => {
    const r = await fleet("fifo-host.yaml", "--timeout", "600");
    expect(r.signal).toBeNull();
    expect(r.code).toBe(4);
    const gaps: Array<{ reason: string }> = JSON.parse(r.stdout).gaps;
    expect(gaps.filter((g) => /cannot read: is not a regular file/.test(g.reason))).toHaveLength(2);
  }, 40_000);
});
