import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { writeReportScenario } from "../support/fleet/scenario.js";

describe("fleet files that would make the auditor run something", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-hostile-"));
  });

  it("?remote-program= is refused with its line and column before anything runs (exit 3)", async () => {
    writeFileSync(
      path.join(dir, "fleet.yaml"),
      "hosts:\n  - name: ok\n    store: daemon\n  - name: evil\n    store: ssh-ng://root@web-1?remote-program=/tmp/run-me\n",
    );
    const r = await runCli(["fleet", "fleet.yaml"], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("fleet.yaml:5:12: /hosts/1/store");
    expect(r.stderr).toContain("'remote-program' is refused");
  });
});

describe("reports that would hide a host", () => {
  let dir: string;
  let systems: { a: string; b: string };
  const reportOf = (file: string) => JSON.parse(readFileSync(path.join(dir, "reports", file), "utf8"));
  const write = (file: string, doc: unknown) =>
    writeFileSync(path.join(dir, "reports", file), `${JSON.stringify(doc)}\n`);
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-hiding-"));
    systems = writeReportScenario(dir).systems;
    const web1 = reportOf("web-1.json");
    const web2 = reportOf("web-2.json");
    write("empty.json", { ...web1, host: "empty", closure: [] }); // claims the approved system, shows nothing
    write("unrelated.json", { ...web2, host: "unrelated", system: systems.a }); // the approved system, web-2's closure
    write("twin-a.json", { ...web2, host: "twin" });
    write("twin-b.json", { ...web1, host: "twin" }); // a second report under the same name
  });
  const run = async () => {
    const r = await runCli(["fleet", "fleet.yaml", "--reports", "reports", "--format", "json"], { cwd: dir });
    const report = JSON.parse(r.stdout) as {
      hosts: Array<{ name: string; status: string; approved: boolean | null; reason?: string }>;
      gaps: Array<{ reason: string }>;
    };
    return { ...r, report, host: (n: string) => report.hosts.find((h) => h.name === n) };
  };

  it("a report whose closure does not hold the system it claims is not 'approved': it is a gap saying so", async () => {
    const r = await run();
    for (const name of ["empty", "unrelated"])
      expect(r.host(name), name).toMatchObject({
        status: "unreachable",
        approved: null,
        reason: expect.stringContaining(`does not contain the system it names, ${systems.a}`),
      });
    expect(r.host("web-1")).toMatchObject({ status: "ok", approved: true });
  });

  it("two reports for one host name: the rest is reported, the name is flagged with both files", async () => {
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.host("twin")).toMatchObject({
      status: "unreachable",
      reason:
        "host name 'twin' is claimed by reports/twin-a.json and reports/twin-b.json; none of them is used: give every host one source",
    });
    expect(r.report.gaps.map((g) => g.reason)).toContain(`host twin: ${r.host("twin")?.reason}`);
    expect(r.report.hosts.filter((h) => h.name === "twin")).toHaveLength(1);
    expect(r.host("web-1")).toMatchObject({ status: "ok" });
  });
});
