import { describe, expect, it } from "vitest";
import type { DiffChange, DiffReport, UpstreamChange } from "../../src/domain/diff/report.js";
import { makeFinding, type Finding } from "../../src/domain/findings.js";
import type { CheckReport } from "../../src/domain/policy/report.js";
import type { ResolveReport } from "../../src/domain/provenance/report.js";
import { renderCheckMarkdown } from "../../src/render/check/markdown.js";
import { renderSarif } from "../../src/render/check/sarif.js";
import { renderCheckText } from "../../src/render/check/text.js";
import { renderDiffMarkdown } from "../../src/render/diff/markdown.js";
import { renderDiffText } from "../../src/render/diff/text.js";
import { renderResolveMarkdown } from "../../src/render/resolve/markdown.js";
import { renderResolveText } from "../../src/render/resolve/text.js";

/** What a poisoned upstream (or GitHub cache) or a hostile lock can put in any string. */
const H = "<img src=x onerror=alert(1)> @everyone \u001b[31mred\u001b[0m \u202eevil";
const TOOL = { name: "flake-audit", version: "0.0.0" };
const SHA = "0".repeat(64);

/** Text output must not carry terminal controls or bidi overrides. */
const expectSafeText = (out: string): void => {
  expect(out).not.toContain("\u001b[");
  expect(out).not.toContain("\u202e");
};
/** Markdown must not carry HTML or pings outside code spans (where they are inert), nor those controls. */
const expectSafeMarkdown = (out: string): void => {
  expectSafeText(out);
  const prose = out.replace(/(`+)[\s\S]*?\1(?!`)/g, "");
  expect(prose).not.toContain("<img");
  expect(prose).not.toContain("@everyone");
};

// Poisoned cache entries are not validated field by field: numbers and enums may be text.
const poisoned = <T>(v: string): T => JSON.parse(JSON.stringify(v)) as T;

const upstream: UpstreamChange = {
  status: poisoned<UpstreamChange["status"]>(H),
  aheadBy: poisoned<number>(H),
  behindBy: 1,
  totalCommits: poisoned<number>(H),
  commits: [{ sha: "a".repeat(40), headline: H, author: H, date: H, url: H }],
  compareUrl: `javascript:alert(1)//${H}`,
  newRevReachable: { ref: H, contained: false, status: poisoned<"ahead">(H) },
};
const side = { type: "github", url: `github:${H}`, attrs: {}, rev: H, lastModified: 1, ref: H, flake: true };
const change: DiffChange = {
  input: H,
  kind: "ref-changed",
  kinds: ["ref-changed", "updated"],
  old: side,
  new: { ...side, follows: H },
  refMove: { from: H, to: H, move: "downgrade" },
  upstream,
};
const findings: Finding[] = [
  makeFinding("source-changed", H, { before: H, after: H }),
  makeFinding("ref-downgrade", H, { from: H, to: H }),
  makeFinding("rev-not-on-ref", H, { rev: H, ref: H, status: "ahead" }),
  makeFinding("unsigned-commit", H, { state: "unverified", reason: H }),
];

describe("Text that came from outside is escaped in every diff, resolve and check renderer", () => {
  it("diff", () => {
    const report: DiffReport = {
      schemaVersion: 1,
      tool: TOOL,
      evaluatedAt: "2026-01-01T00:00:00.000Z",
      old: { source: H, sha256: SHA },
      new: { source: H, sha256: SHA },
      lockOnly: false,
      offline: false,
      changes: [change, { ...change, upstream: { ...upstream, compareUrl: `https://github.com/${H}` } }],
      unchangedCount: 0,
      findings,
      closure: {
        packages: [
          {
            name: H,
            change: "version-changed",
            oldVersions: [H],
            newVersions: [`${H}2`],
            removedVersions: [H],
            addedVersions: [`${H}2`],
            sizeDelta: 1,
            shownByNix: true,
          },
        ],
        oldSize: 0,
        newSize: 1,
      },
      gaps: [{ input: H, reason: H }],
    };
    expectSafeText(renderDiffText(report, { color: false }));
    const md = renderDiffMarkdown(report);
    expectSafeMarkdown(md);
    expect(md).not.toContain("](javascript:");
    expect(md).not.toMatch(/\]\(https:[^)]*[<>\s]/);
  });

  it("resolve", () => {
    const commit = {
      sha: "a".repeat(40),
      committedDate: H,
      authoredDate: H,
      authorName: H,
      committerName: H,
      messageHeadline: H,
      url: H,
      signature: { state: "unverified" as const, reason: H },
    };
    const report: ResolveReport = {
      schemaVersion: 1,
      tool: TOOL,
      offline: false,
      requests: 1,
      inputs: [
        {
          input: H,
          inputPaths: [H],
          type: "github",
          status: "resolved",
          rev: H,
          host: H,
          upstream: {
            repository: H,
            renamedFrom: H,
            url: H,
            commit,
            reachable: { ref: H, contained: false, status: poisoned<"ahead">(H) },
            license: H,
            archived: true,
            fork: true,
            parent: H,
          },
        },
        {
          input: H,
          inputPaths: [H],
          type: "github",
          status: "resolved",
          upstream: {
            repository: H,
            url: H,
            commit: { ...commit, signature: poisoned<{ state: "unsigned" }>(H) },
            license: null,
            archived: false,
            fork: false,
          },
        },
        { input: H, inputPaths: [H], type: H, status: "failed", reason: H },
      ],
      findings,
      gaps: [{ input: H, reason: H }],
    };
    expectSafeText(renderResolveText(report));
    expectSafeMarkdown(renderResolveMarkdown(report));
  });

  it("check, SARIF included", () => {
    const located = findings.map((f) => ({
      ...f,
      nodeKey: H,
      location: { line: 2, column: 3, endLine: 2, endColumn: 9 },
      paths: [H, `${H}/${H}`],
      via: H,
      follows: { path: [H, H], target: H },
    }));
    const report: CheckReport = {
      schemaVersion: 1,
      tool: TOOL,
      evaluatedAt: "2026-01-01T00:00:00.000Z",
      lockFile: { path: H, sha256: SHA },
      upstream: "online",
      policy: { source: H, settings: {}, overrides: 0, allowances: 1 },
      findings: located,
      suppressed: located.map((f) => ({ ...f, suppressedBy: { reason: H, expires: H } })),
      gaps: [{ input: H, reason: H }],
    };
    expectSafeText(renderCheckText(report));
    expectSafeMarkdown(renderCheckMarkdown(report));
    // JSON escapes ESC as \u001b, so look for the raw characters in the parsed strings.
    const sarif = JSON.stringify(JSON.parse(renderSarif(report)));
    expect(sarif).not.toContain("\\u001b");
    expect(sarif).not.toContain("\u202e");
  });
});
