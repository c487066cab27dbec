import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { hasNix, nixVersion, reportNixSkip } from "../support/nix.js";
import { buildFleetWorld, makeHost, type FleetWorld } from "../support/fleet/world.js";

reportNixSkip("fleet integration");

interface HostJson {
  name: string;
  status: string;
  reason?: string;
  system?: string;
  generation?: number;
  generations: Array<{ number: number; path: string; date?: string }>;
  approved: boolean | null;
  paths: number;
  inputs: Array<{ input: string; rev?: string; approved: boolean }>;
  lastChange?: { packages: Array<{ name: string; change: string }> };
  drift?: { packages: Array<{ name: string; change: string }> };
  signatures?: {
    counts: Record<string, number>;
    untrusted: string[];
    unsigned: string[];
    invalid: string[];
  };
}

describe.runIf(hasNix)(`fleet against the real nix (${nixVersion ?? "absent"})`, () => {
  let w: FleetWorld;
  let fleetFile: string;
  let report: { hosts: HostJson[]; findings: Array<{ kind: string; host: string; runningRev?: string }> };
  let code: number;
  const host = (name: string): HostJson => {
    const h = report.hosts.find((x) => x.name === name);
    if (h === undefined) throw new Error(`no host ${name}`);
    return h;
  };

  beforeAll(async () => {
    w = buildFleetWorld(mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-")));
    makeHost(w, "web-1", [w.systems.b, w.systems.a], "trusted"); // upgraded, approved, all signed
    makeHost(w, "web-2", [w.systems.b], "other"); // old nixpkgs, signed by a key nobody trusts
    makeHost(w, "web-3", [w.systems.c], "partly"); // drifted; only the top path signed
    makeHost(w, "web-4", [w.systems.a], "trusted");
    // web-4: a signature moved onto another path, as a tampered copy would carry it.
    const db = path.join(w.root("web-4"), "nix/var/nix/db/db.sqlite");
    execFileSync("sqlite3", [
      db,
      `UPDATE ValidPaths SET sigs = (SELECT sigs FROM ValidPaths WHERE path = '${w.systems.a}') WHERE path LIKE '%-libfoo-1.0'`,
    ]);
    fleetFile = path.join(w.dir, "fleet.yaml");
    writeFileSync(
      fleetFile,
      [
        "approved:",
        "  lock: flake.lock",
        "  previousLocks: [old.lock]",
        "  systems:",
        `    "web-*": ${w.systems.a}`,
        "trustedKeys:",
        `  - ${w.keys.trusted}`,
        "hosts:",
        ...["web-1", "web-2", "web-3", "web-4"].flatMap((h) => [`  - name: ${h}`, `    store: ${w.storeUri(h)}`]),
        "  - name: gone",
        `    store: local?root=${w.dir}/stores/nothing-here`,
        "  - name: rejected",
        "    store: unix:///nonexistent/daemon-socket",
        `    system: ${w.systems.a}`,
        "",
      ].join("\n"),
    );
    const r = await runCli(["fleet", fleetFile, "--format", "json"], { env: w.env, cwd: w.dir });
    code = r.code;
    if (r.stdout === "") throw new Error(r.stderr);
    report = JSON.parse(r.stdout);
  }, 300_000);

  it("reads each host's system, generations and the lock inputs in its closure", () => {
    const web1 = host("web-1");
    expect(web1).toMatchObject({ status: "ok", system: w.systems.a, generation: 2, approved: true });
    expect(web1.generations.map((g) => [g.number, g.path])).toEqual([
      [2, w.systems.a],
      [1, w.systems.b],
    ]);
    expect(web1.inputs).toEqual([expect.objectContaining({ input: "nixpkgs", rev: "1".repeat(40), approved: true })]);
    expect(host("web-2").inputs).toEqual([
      expect.objectContaining({ input: "nixpkgs", rev: "0".repeat(40), approved: false }),
    ]);
  });

  it("answers the rollback question and the drift from the approved system at package level", () => {
    expect(host("web-1").lastChange?.packages.map((p) => p.name)).toContain("source");
    expect(host("web-3").approved).toBe(false);
    expect(host("web-3").drift?.packages).toEqual([
      expect.objectContaining({ name: "tool", change: "version-changed" }),
    ]);
  });

  it("finds drift, the stale nixpkgs and every kind of signature problem", () => {
    const kinds = report.findings.map((f) => `${f.host} ${f.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "web-2 drift",
        "web-2 stale-nixpkgs",
        "web-2 untrusted-paths",
        "web-3 drift",
        "web-3 unsigned-paths",
        "web-4 invalid-signature",
        "gone host-unreachable",
      ]),
    );
    expect(kinds.filter((k) => k.startsWith("web-1"))).toEqual([]);
    expect(report.findings.find((f) => f.kind === "stale-nixpkgs")?.runningRev).toBe("0".repeat(40));
  });

  it("signature verdicts equal `nix store verify --sigs-needed 1` with the same trusted key", () => {
    for (const name of ["web-1", "web-2", "web-3", "web-4"]) {
      const h = host(name);
      const s = h.signatures!;
      expect(
        Object.values(s.counts).reduce((a, b) => a + b, 0),
        name,
      ).toBe(h.paths);
      const ours = [...s.untrusted, ...s.unsigned, ...s.invalid].sort();
      expect(ours, name).toEqual(w.nixUntrusted(w.storeUri(name), h.system!));
    }
    expect(host("web-1").signatures?.counts).toMatchObject({
      untrusted: 0,
      unsigned: 0,
      invalid: 0,
      contentAddressed: 1,
    });
    expect(host("web-4").signatures?.invalid).toEqual([expect.stringMatching(/-libfoo-1\.0$/)]);
  });

  it("an unreadable host is a gap: the run is partial (exit 4 under --fail-on none), findings exit 1", async () => {
    expect(host("gone")).toMatchObject({
      status: "unreachable",
      reason: expect.stringContaining("cannot read the profile directory"),
    });
    // A store URI nix cannot open: nix's own error, for this host only.
    expect(host("rejected")).toMatchObject({
      status: "unreachable",
      reason: expect.stringMatching(/nix failed: .*nonexistent/),
    });
    expect(code).toBe(1);
    const r = await runCli(["fleet", fleetFile, "--fail-on", "none"], { env: w.env, cwd: w.dir });
    expect(r.code).toBe(4);
    expect(r.stdout).toContain("gone  UNREACHABLE");
  });

  it("host-report on a host, merged with fleet --reports, says what reading the store says", async () => {
    const reports = path.join(w.dir, "reports");
    mkdirSync(reports, { recursive: true });
    for (const name of ["web-1", "web-2"]) {
      const r = await runCli(
        [
          "host-report",
          "--name",
          name,
          "--store",
          w.storeUri(name),
          "--profile",
          path.join(w.root(name), "nix/var/nix/profiles/system"),
          "--reproducible",
          "-o",
          path.join(reports, `${name}.json`),
        ],
        { env: w.env, cwd: w.dir },
      );
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
    const onlyReports = path.join(w.dir, "reports-fleet.yaml");
    writeFileSync(
      onlyReports,
      `approved:\n  lock: flake.lock\n  previousLocks: [old.lock]\n  systems:\n    "web-*": ${w.systems.a}\ntrustedKeys: ["${w.keys.trusted}"]\nhosts:\n  - name: web-9\n    report: reports/web-1.json\n`,
    );
    const r = await runCli(["fleet", onlyReports, "--reports", reports, "--format", "json", "--fail-on", "none"], {
      env: w.env,
      cwd: w.dir,
    });
    expect(r.stderr).toBe("");
    const merged = JSON.parse(r.stdout) as { hosts: HostJson[] };
    for (const name of ["web-1", "web-2"]) {
      const fromReport = merged.hosts.find((h) => h.name === name)!;
      const { source: _a, ...a } = fromReport as HostJson & { source: unknown };
      const { source: _b, ...b } = host(name) as HostJson & { source: unknown };
      expect(a).toEqual(b);
    }
    expect(merged.hosts.find((h) => h.name === "web-9")?.system).toBe(w.systems.a);
  });
});
