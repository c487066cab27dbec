import { readdirSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nixInstallableEvaluator } from "../../src/adapters/nix/installable-evaluator.js";
import type { InstallableEvaluation } from "../../src/app/installable-ports.js";
import type { Derivation, DerivationSet } from "../../src/domain/nix/derivation.js";
import { parseDerivations } from "../../src/ingest/closure/derivation.js";
import { APP_INSTALLABLES, buildEvalWorld, flakeRepo, LIMITS_FLAKE, showDerivationAt } from "../support/eval-world.js";
import { testGit } from "../support/lock-update-repo.js";
import { hasNix, NIX_ENV, nix, nixVersion, reportNixSkip } from "../support/nix.js";

reportNixSkip("installable evaluation");

/** What a derivation says that a comparison reads: compared field by field with nix's own answer. */
const facts = (d: Derivation) => ({
  name: d.name,
  outputs: [...d.outputs],
  inputDrvs: [...d.inputDrvs].sort(),
  inputSrcs: [...d.inputSrcs].sort(),
  env: Object.fromEntries(
    ["pname", "version", "src", "srcs", "patches", "urls", "outputHash"].map((k) => [k, d.env.get(k)]),
  ),
});
const allFacts = (set: DerivationSet) =>
  Object.fromEntries(
    [...set.byPath.values()].sort((a, b) => (a.path < b.path ? -1 : 1)).map((d) => [d.path, facts(d)]),
  );

function okOf(e: InstallableEvaluation | undefined) {
  if (e === undefined || !e.ok) throw new Error(`not evaluated: ${JSON.stringify(e)}`);
  return e;
}

describe.runIf(hasNix)(`installables evaluated by the real nix (${nixVersion ?? "absent"})`, () => {
  const world = buildEvalWorld();
  const tmpRoot = mkdtempSync(path.join(tmpdir(), "fa-eval-tmp-"));
  const evaluator = nixInstallableEvaluator({ env: NIX_ENV, tmpRoot });
  const progress: string[] = [];
  const at = (rev: string, installables: readonly string[] = APP_INSTALLABLES) =>
    evaluator.evaluate({
      repoDir: world.app,
      rev,
      flakeDir: "",
      installables,
      timeoutMs: 120_000,
      progress: (m) => progress.push(m),
    });
  afterAll(() => {
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it("gives each installable's derivation closure at both commits, as `nix show-derivation -r` says", async () => {
    for (const rev of [world.base, world.head]) {
      const got = await at(rev);
      expect(got.map((g) => g.installable)).toEqual(APP_INSTALLABLES);
      for (const [i, installable] of APP_INSTALLABLES.entries()) {
        const mine = okOf(got[i]);
        const theirs = showDerivationAt(world.app, rev, installable);
        expect(mine.roots).toEqual([theirs.root]);
        const parsed = parseDerivations(JSON.stringify(theirs.derivations), "nix show-derivation -r");
        if (!parsed.ok) throw new Error("nix's own answer does not parse");
        expect(allFacts(mine.derivations)).toEqual(allFacts(parsed.value));
      }
      // The worktree is gone once the answer is back; only the repository's own is listed.
      expect(testGit(world.app, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
    }
    // One evaluation for the three, then one cheap lookup each (progress says so), then one closure read.
    expect(progress.filter((m) => m.startsWith("evaluating 3 installables"))).toHaveLength(2);
  });

  it("sees the lock update: hello's version, openssl's patches and curl move; zlib does not", async () => {
    const [base, head] = [await at(world.base), await at(world.head)];
    const pnames = (e: InstallableEvaluation | undefined) =>
      [...okOf(e).derivations.byPath.values()]
        .filter((d) => d.env.get("pname") !== undefined)
        .map((d) => `${String(d.env.get("pname"))}-${String(d.env.get("version"))}`)
        .sort();
    expect(pnames(base[0])).toContain("hello-2.12.1");
    expect(pnames(head[0])).toContain("hello-2.12.2");
    expect(pnames(base[0])).toContain("ripgrep-14.1.0");
    expect(pnames(head[0])).toContain("jq-1.7.1");
    expect(okOf(base[1]).roots).not.toEqual(okOf(head[1]).roots);
    expect(okOf(base[2]).roots).toEqual(okOf(head[2]).roots);
  });

  it("gives nix's error for an attribute the flake lacks, and the other installables still", async () => {
    const got = await at(world.head, [".#packages.x86_64-linux.nope", ".#packages.x86_64-linux.zlib"]);
    expect(got[0]).toMatchObject({ ok: false, installable: ".#packages.x86_64-linux.nope" });
    const error = got[0]?.ok === false ? got[0].error : "";
    expect(error).toMatch(/does not provide attribute/);
    expect(error).not.toContain(tmpRoot);
    expect(error.length).toBeLessThan(4200);
    expect(got[1]?.ok).toBe(true);
  });

  it("evaluates a flake in a subdirectory of its repository (the lock's directory)", async () => {
    const sub = flakeRepo("fa-eval-sub-", { "infra/hosts/flake.nix": LIMITS_FLAKE, README: "not a flake\n" });
    const got = await evaluator.evaluate({
      repoDir: sub.repo,
      rev: "main",
      flakeDir: "infra/hosts",
      installables: [".#packages.x86_64-linux.fine"],
      timeoutMs: 60_000,
    });
    const root = nix("nix", [
      "path-info",
      "--derivation",
      "--",
      `git+file://${sub.repo}?dir=infra/hosts&rev=${sub.rev}#packages.x86_64-linux.fine`,
    ]).trim();
    expect(okOf(got[0]).roots).toEqual([root]);
  });

  it("refuses installables other than `.#attr` and revisions that are options, before running anything", async () => {
    for (const bad of [
      "github:evil/flake#x",
      ".#a --impure",
      ".#--option",
      "-#x",
      ".#a^out",
      ".#a%20b",
      ".#",
      ".#a..b",
      "/nix/store/x",
    ])
      await expect(at(world.head, [bad])).rejects.toMatchObject({ name: "UsageError" });
    await expect(at("--output=/tmp/fa-should-not-exist")).rejects.toMatchObject({ name: "InputError" });
    await expect(at("no-such-branch")).rejects.toMatchObject({ name: "InputError" });
    await expect(at("main\u0000")).rejects.toMatchObject({ name: "UsageError" });
    await expect(
      evaluator.evaluate({
        repoDir: world.app,
        rev: "HEAD",
        flakeDir: "../up",
        installables: [".#x"],
        timeoutMs: 1000,
      }),
    ).rejects.toMatchObject({ name: "UsageError" });
  });
});
