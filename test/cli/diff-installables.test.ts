import { describe, expect, it } from "vitest";
import { APP_INSTALLABLES, buildEvalWorld } from "../support/eval-world.js";
import { runCli } from "../support/cli.js";
import { hasNix, NIX_ENV, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("diff --installable");

describe.runIf(hasNix)(`diff --git BASE HEAD --installable with the real nix (${nixVersion ?? "absent"})`, () => {
  const world = buildEvalWorld();
  const diff = (extra: string[], env: Record<string, string | undefined> = NIX_ENV) =>
    runCli(["diff", "--git", world.base, "HEAD", "--offline", "--format", "json", ...extra], { cwd: world.app, env });

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
    const report = JSON.parse(r.stdout) as { gaps: Array<{ input: string; reason: string }> };
    expect(report.gaps).toEqual([
      { input: ".#packages.x86_64-linux.nope", reason: expect.stringMatching(/does not provide attribute/) },
    ]);
  });
});
