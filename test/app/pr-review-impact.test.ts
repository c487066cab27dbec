import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodeFiles } from "../../src/adapters/fs.js";
import { gitCli } from "../../src/adapters/git.js";
import { reviewPullRequest } from "../../src/app/pr-review.js";
import { renderDiffMarkdown } from "../../src/render/diff/markdown.js";
import { gh, lockText } from "../support/diff-scenarios.js";
import { testGit } from "../support/lock-update-repo.js";
import { RecordedEvaluator } from "../support/recorded-evaluator.js";

const NO_UPSTREAM = {
  provenance: () => {
    throw new Error("lock-only");
  },
  compare: () => {
    throw new Error("lock-only");
  },
};

describe("pr-review --installable", () => {
  it("evaluates the flake beside each changed lock (its directory from the repository root) at base and head", async () => {
    const repo = mkdtempSync(path.join(tmpdir(), "fa-pr-impact-"));
    mkdirSync(path.join(repo, "hosts"));
    const lock = (r: number) =>
      lockText({ root: { inputs: { nixpkgs: "nixpkgs" } }, nixpkgs: gh("NixOS", "nixpkgs", r) });
    testGit(repo, "init", "-q", "-b", "main");
    writeFileSync(path.join(repo, "hosts", "flake.lock"), lock(1));
    testGit(repo, "add", "-A");
    testGit(repo, "commit", "-q", "-m", "base");
    const base = testGit(repo, "rev-parse", "HEAD");
    writeFileSync(path.join(repo, "hosts", "flake.lock"), lock(2));
    testGit(repo, "commit", "-q", "-am", "bump");
    const head = testGit(repo, "rev-parse", "HEAD");
    // An evaluator that knows no installable: each one fails with nix's wording, on both sides.
    const evaluator = new RecordedEvaluator(() => ({}));
    const review = await reviewPullRequest(
      {
        base,
        head,
        lockOnly: true,
        offline: false,
        enterpriseHosts: [],
        tool: { name: "flake-audit", version: "0.0.0" },
        now: new Date("2024-12-01T00:00:00Z"),
        impact: { installables: [".#web"], repoDir: repo, jobs: 2, timeoutMs: 5000 },
      },
      nodeFiles(async () => "", repo),
      gitCli(repo),
      () => {
        throw new Error("no store");
      },
      NO_UPSTREAM,
      renderDiffMarkdown,
      () => evaluator,
    );
    expect(evaluator.requests.map((r) => [r.rev, r.flakeDir, r.repoDir]).sort()).toEqual(
      [
        [base, "hosts", repo],
        [head, "hosts", repo],
      ].sort(),
    );
    const report = review.reports[0]?.report;
    expect(report?.impact?.installables[0]).toMatchObject({ installable: ".#web", status: "failed", side: "both" });
    expect(report?.gaps.length).toBeGreaterThan(0); // a failed evaluation makes the run incomplete (exit 4)
    expect(review.markdown).toContain("Could not evaluate at the base and head");
  });
});
