import { describe, expect, it } from "vitest";
import { nodeFiles } from "../../src/adapters/fs.js";
import { nixInstallableEvaluator } from "../../src/adapters/nix/installable-evaluator.js";
import { diffUseCase } from "../../src/app/diff.js";
import type { InstallableResult } from "../../src/domain/impact/model.js";
import { APP_INSTALLABLES, buildEvalWorld, expectedImpact, showDerivationAt } from "../support/eval-world.js";
import { hasNix, NIX_ENV, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("review impact end to end");

const never = () => {
  throw new Error("a lock-only diff asks no upstream");
};

/** The report's answer for one installable, in the terms expectedImpact computes apart. */
function reported(r: InstallableResult | undefined) {
  if (r?.status !== "compared") throw new Error(`not compared: ${JSON.stringify(r)}`);
  return {
    versionChanges: r.versionChanges.map((c) => c.name).sort(),
    added: r.added.map((p) => p.name).sort(),
    removed: r.removed.map((p) => p.name).sort(),
    rebuilt: r.rebuilt.map((p) => p.name).sort(),
    rebuildCount: r.rebuildCount,
  };
}

describe.runIf(hasNix)(`review impact of a lock update, evaluated by the real nix (${nixVersion ?? "absent"})`, () => {
  const world = buildEvalWorld();

  it("reports per installable what `nix show-derivation -r` of both commits says changed", async () => {
    const report = await diffUseCase(
      {
        old: { git: { rev: world.base, path: "flake.lock" } },
        new: { git: { rev: world.head, path: "flake.lock" } },
        lockOnly: true,
        offline: true,
        enterpriseHosts: [],
        tool: { name: "flake-audit", version: "0.0.0" },
        now: new Date("2026-12-07T00:00:00Z"),
        impact: {
          installables: APP_INSTALLABLES,
          repoDir: world.app,
          flakeDir: "",
          old: world.base,
          new: world.head,
          jobs: 2,
          timeoutMs: 120_000,
        },
      },
      nodeFiles(async () => "", world.app),
      never,
      { provenance: never, compare: never },
      () => nixInstallableEvaluator({ env: NIX_ENV }),
    );
    expect(report.changes.map((c) => c.input)).toEqual(["pkgs"]);
    const impact = report.impact?.installables ?? [];
    expect(impact.map((r) => r.installable)).toEqual(APP_INSTALLABLES);
    for (const [i, installable] of APP_INSTALLABLES.entries()) {
      const old = showDerivationAt(world.app, world.base, installable).derivations;
      const now = showDerivationAt(world.app, world.head, installable).derivations;
      expect({ installable, ...reported(impact[i]) }).toEqual({ installable, ...expectedImpact(old, now) });
    }
    // The world's story, so that the comparison above cannot pass on two empty answers.
    expect(reported(impact[0])).toMatchObject({ versionChanges: ["hello"], added: ["jq"], removed: ["ripgrep"] });
    expect(reported(impact[0]).rebuilt).toEqual(expect.arrayContaining(["curl", "openssl"]));
    expect(reported(impact[2])).toEqual({ versionChanges: [], added: [], removed: [], rebuilt: [], rebuildCount: 0 });
  });
});
