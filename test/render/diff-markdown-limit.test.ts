import { describe, expect, it } from "vitest";
import type { DiffChange, DiffReport } from "../../src/domain/diff/report.js";
import { COMMENT_LIMIT, renderDiffMarkdown } from "../../src/render/diff/markdown.js";
import { supportsJsonFormat } from "../../src/adapters/nix/nix-cli.js";

const change = (i: number): DiffChange => ({
  input: `input${i}`,
  kind: "updated",
  kinds: ["updated"],
  old: { type: "github", url: `github:o/r${i}/${"a".repeat(40)}`, attrs: {}, rev: "a".repeat(40), flake: true },
  new: { type: "github", url: `github:o/r${i}/${"b".repeat(40)}`, attrs: {}, rev: "b".repeat(40), flake: true },
  upstream: {
    status: "ahead",
    aheadBy: 400,
    behindBy: 0,
    totalCommits: 400,
    compareUrl: `https://github.com/o/r${i}/compare/a...b`,
    commits: Array.from({ length: 60 }, (_, j) => ({
      sha: `${j}`.padStart(40, "c"),
      headline: `change ${j} with a long enough headline to take some room in the comment`,
      author: "Ada",
      date: "2024-01-01T00:00:00Z",
      url: "https://github.com/x",
    })),
  },
});

describe("the PR comment stays under GitHub's limit", () => {
  it("cuts detail blocks with a visible note", () => {
    const report: DiffReport = {
      schemaVersion: 1,
      tool: { name: "flake-audit", version: "0" },
      evaluatedAt: "2024-01-01T00:00:00.000Z",
      old: { source: "a", sha256: "0".repeat(64) },
      new: { source: "b", sha256: "0".repeat(64) },
      lockOnly: false,
      offline: false,
      changes: Array.from({ length: 80 }, (_, i) => change(i)),
      unchangedCount: 0,
      findings: [],
      gaps: [],
    };
    const md = renderDiffMarkdown(report);
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md).toMatch(/more detail blocks? not shown: the comment would exceed GitHub's size limit/);
    expect(md).toContain("| `input79` |"); // the summary table keeps every input
  });
});

describe("--json-format detection", () => {
  it.each([
    ["nix (Nix) 2.8.0", false],
    ["nix (Nix) 2.32.1", false],
    ["nix (Nix) 2.33.0", true],
    ["nix (Nix) 2.35.2", true],
    ["nix (Lix, like Nix) 2.93.0", false],
    ["nix (Determinate Nix 3.22.2) 2.33.1", true],
  ])("%s → %s", (v, yes) => {
    expect(supportsJsonFormat(v)).toBe(yes);
  });
});
