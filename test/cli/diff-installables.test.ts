import { describe, expect, it } from "vitest";
import type { InstallableResult } from "../../src/domain/impact/model.js";
import { APP_INSTALLABLES, buildEvalWorld, expectedImpact, showDerivationAt } from "../support/eval-world.js";
import { runCli } from "../support/cli.js";
import { hasNix, NIX_ENV, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("diff --installable");

describe.runIf(hasNix)(`diff --git BASE HEAD --installable with the real nix (${nixVersion ?? "absent"})`, () => {
  const world = buildEvalWorld();
  const diff = (extra: string[], env: Record<string, string | undefined> = NIX_ENV) =>
    runCli(["diff", "--git", world.base, "HEAD", "--offline", "--format", "json", ...extra], { cwd: world.app, env });

  it("--format json reports per installable what `nix show-derivation -r` of both commits says", async () => {
    const r = await diff(APP_INSTALLABLES.flatMap((i) => ["--installable", i]));
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { impact: { old: string; new: string; installables: InstallableResult[] } };
    expect(report.impact.installables.map((i) => i.installable)).toEqual(APP_INSTALLABLES);
    for (const [n, installable] of APP_INSTALLABLES.entries()) {
      const old = showDerivationAt(world.app, world.base, installable).derivations;
      const now = showDerivationAt(world.app, world.head, installable).derivations;
      const got = report.impact.installables[n];
      if (got?.status !== "compared") throw new Error(`${installable}: ${JSON.stringify(got)}`);
      expect({
        installable,
        versionChanges: got.versionChanges.map((c) => c.name).sort(),
        added: got.added.map((p) => p.name).sort(),
        removed: got.removed.map((p) => p.name).sort(),
        rebuilt: got.rebuilt.map((p) => p.name).sort(),
        rebuildCount: got.rebuildCount,
      }).toEqual({ installable, ...expectedImpact(old, now) });
      expect(got.derivations).toEqual({ old: Object.keys(old).length, new: Object.keys(now).length });
    }
    // The world's story in the details: hello's new version and source, openssl's new patch.
    const system = report.impact.installables[0];
    if (system?.status !== "compared") throw new Error("the system was not compared");
    expect(system.versionChanges).toEqual([
      expect.objectContaining({
        name: "hello",
        from: ["2.12.1"],
        to: ["2.12.2"],
        direction: "upgrade",
        source: expect.objectContaining({ url: "mirror://gnu/hello/hello-2.12.2.tar.gz" }),
      }),
    ]);
    const openssl = system.rebuilt.find((p) => p.name === "openssl");
    expect(openssl?.reasons).toContainEqual({
      kind: "patches",
      added: ["72ae83ad214d2eef262461365a1975707f862712.patch"],
      removed: [],
    });
  });

  it("without nix on PATH: exit 3, saying nix is needed, before evaluating anything", async () => {
    const r = await diff(["--installable", APP_INSTALLABLES[0]], { ...NIX_ENV, PATH: "/nonexistent" });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/nix is needed/);
    expect(r.stdout).toBe("");
  });

  it.each([
    ["another flake", "github:evil/flake#x"],
    ["an option", "--impure"],
    ["an attribute that is an option", ".#--option"],
    ["an output selector", ".#packages.x86_64-linux.default^out"],
  ])("refuses %s as an installable: exit 2", async (_why, installable) => {
    const r = await diff([`--installable=${installable}`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });

  it("an installable that does not evaluate is a gap with nix's error, not a crash", async () => {
    const r = await diff(["--installable", ".#packages.x86_64-linux.nope"]);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    // Incomplete (exit 4) even with --offline: that flag chooses not to ask GitHub, not to go without nix.
    expect(r.code).toBe(4);
    const report = JSON.parse(r.stdout) as { gaps: Array<{ input: string; reason: string }> };
    expect(report.gaps).toEqual([
      { input: ".#packages.x86_64-linux.nope", reason: expect.stringMatching(/does not provide attribute/) },
    ]);
  });
});
