import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { hasNix, reportNixSkip } from "../support/nix.js";
import { buildFleetWorld, makeHost, type FleetWorld } from "../support/fleet/world.js";
import { reportSshdSkip, startSshd, type Sshd } from "../support/fleet/sshd.js";

reportNixSkip("fleet over ssh");

describe.runIf(hasNix)("fleet reads a host over a real OpenSSH server", () => {
  let w: FleetWorld;
  let sshd: Sshd | undefined;
  let fleetFile: string;
  const remoteStore = (): string => `ssh-ng://root@127.0.0.1?remote-store=${w.storeUri("remote")}`;

  beforeAll(async () => {
    w = buildFleetWorld(mkdtempSync(path.join(tmpdir(), "flake-audit-fleet-ssh-")));
    makeHost(w, "remote", [w.systems.b, w.systems.a], "trusted");
    const started = await startSshd(path.join(w.dir, "sshd"), {
      NIX_CONFIG: String(w.env["NIX_CONFIG"] ?? ""),
      PATH: "/usr/local/bin:/usr/bin:/bin",
    });
    if (typeof started === "string") reportSshdSkip("fleet over ssh", started);
    else sshd = started;
    fleetFile = path.join(w.dir, "fleet.yaml");
    writeFileSync(
      fleetFile,
      [
        "approved:",
        "  lock: flake.lock",
        "  systems:",
        `    "*": ${w.systems.a}`,
        `trustedKeys: ["${w.keys.trusted}"]`,
        "hosts:",
        "  - name: over-ssh",
        `    store: ${remoteStore()}`,
        `    profile: ${w.root("remote")}/nix/var/nix/profiles/system`,
        "  - name: nowhere",
        "    store: ssh-ng://root@host.invalid",
        "",
      ].join("\n"),
    );
  }, 300_000);
  afterAll(() => sshd?.stop());

  it("reads the closure through ssh-ng:// and the generations through the same ssh", async (ctx) => {
    if (sshd === undefined) return ctx.skip();
    const env = { ...w.env, NIX_SSHOPTS: sshd.sshOpts() };
    const r = await runCli(["fleet", fleetFile, "--format", "json", "--timeout", "60"], { env, cwd: w.dir });
    const report = JSON.parse(r.stdout) as { hosts: Array<Record<string, unknown>> };
    const host = report.hosts.find((h) => h["name"] === "over-ssh");
    expect(host).toMatchObject({ status: "ok", system: w.systems.a, generation: 2, approved: true });
    expect(host?.["generations"]).toEqual([
      { number: 2, path: w.systems.a, date: expect.stringMatching(/^\d{4}-/) },
      { number: 1, path: w.systems.b, date: expect.stringMatching(/^\d{4}-/) },
    ]);
    expect(host?.["signatures"]).toMatchObject({ counts: { trusted: 3, contentAddressed: 1, unsigned: 0 } });
    expect(host?.["lastChange"]).toBeDefined();
    // An unresolvable host is a gap beside the good one: exit 4.
    expect(report.hosts.find((h) => h["name"] === "nowhere")).toMatchObject({ status: "unreachable" });
    expect(r.code).toBe(4);
  }, 120_000);

  it("a refused key is a per-host gap with ssh's reason, not a failed run", async (ctx) => {
    if (sshd === undefined) return ctx.skip();
    const env = { ...w.env, NIX_SSHOPTS: sshd.sshOpts(sshd.strangerKey) };
    const r = await runCli(["fleet", fleetFile, "--format", "json", "--timeout", "60"], { env, cwd: w.dir });
    const host = (JSON.parse(r.stdout) as { hosts: Array<Record<string, unknown>> }).hosts.find(
      (h) => h["name"] === "over-ssh",
    );
    expect(host).toMatchObject({ status: "unreachable", reason: expect.stringMatching(/Permission denied/) });
    expect(r.code).toBe(4);
  }, 120_000);
});
