import { describe, expect, it } from "vitest";
import { diffLocks } from "../../src/domain/diff/lock-diff.js";
import { classifyVersionChange } from "../../src/domain/diff/version-move.js";
import { lockOnlyPair } from "../support/diff-scenarios.js";
import { parseOrThrow } from "../support/lock.js";

describe("diffLocks", () => {
  const pair = lockOnlyPair();
  const d = diffLocks(parseOrThrow(pair.old), parseOrThrow(pair.new));
  const line = (input: string): string => {
    const c = d.changes.find((x) => x.input === input);
    return c === undefined ? "unchanged" : c.kinds.join("+");
  };
  it.each([
    ["nixpkgs", "updated+ref-changed"],
    ["hm", "updated"],
    ["hm/nixpkgs", "follows-changed+updated+ref-changed"],
    ["hm/utils", "follows-changed+updated"],
    ["gone", "removed"],
    ["added", "added"],
    ["tagged", "updated+ref-changed"],
    ["swapped", "source-changed+updated"],
    ["same", "unchanged"],
    ["churn", "unchanged"],
    ["data", "flake-toggled"],
    ["tampered", "narhash-changed+updated"],
    ["pinned", "pin-lost+updated"],
    ["back", "updated+last-modified-backwards"],
    ["branch", "ref-changed"],
  ])("%s: %s", (input, expected) => {
    expect(line(input)).toBe(expected);
  });

  it("classifies ref moves with semver coercion", () => {
    expect(d.changes.find((c) => c.input === "nixpkgs")?.refMove?.move).toBe("minor");
    expect(d.changes.find((c) => c.input === "tagged")?.refMove?.move).toBe("major");
    expect(d.changes.find((c) => c.input === "branch")?.refMove?.move).toBe("incomparable");
  });

  it("raises findings for risky changes", () => {
    expect(d.findings.map((f) => `${f.severity}:${f.rule}:${f.input}`)).toEqual([
      "high:pin-lost:pinned",
      "high:source-changed:swapped",
      "high:narhash-changed:tampered",
      "medium:last-modified-backwards:back",
    ]);
  });
});

describe("classifyVersionChange", () => {
  it.each([
    ["nixos-24.05", "nixos-24.11", "minor"],
    ["nixos-24.11", "nixos-24.05", "downgrade"],
    ["v1.0.1", "v2.0.0", "major"],
    ["v1.0.1", "v1.0.2", "patch"],
    ["release-23.11", "nixos-24.05", "incomparable"],
    ["main", "master", "incomparable"],
    ["refs/tags/v1.2", "refs/tags/v1.3", "minor"],
    ["nixos-unstable", "nixos-unstable", "same"],
  ])("%s → %s: %s", (a, b, move) => {
    expect(classifyVersionChange(a, b)).toBe(move);
  });
});

describe("file and tarball inputs across releases", () => {
  const fileNode = (url: string, n: number) => ({
    flake: false,
    locked: { narHash: `sha256-${Buffer.alloc(32, n).toString("base64")}`, type: "file", url },
    original: { type: "file", url },
  });
  const lock = (url: string, n: number): string =>
    JSON.stringify({ nodes: { root: { inputs: { nixd: "nixd" } }, nixd: fileNode(url, n) }, root: "root", version: 7 });
  const diff = (a: string, b: string) => diffLocks(parseOrThrow(lock(a, 1)), parseOrThrow(lock(b, 2)));

  it("a version-only URL change is an update with the versions, and no finding", () => {
    const d = diff(
      "https://install.determinate.systems/determinate-nixd/tag/v3.21.1/macOS",
      "https://install.determinate.systems/determinate-nixd/tag/v3.21.2/macOS",
    );
    expect(d.changes[0]).toMatchObject({
      kind: "updated",
      kinds: ["updated"],
      release: { from: "v3.21.1", to: "v3.21.2" },
    });
    expect(d.findings).toEqual([]);
  });

  it("another host or path is still a source change", () => {
    const d = diff(
      "https://install.determinate.systems/determinate-nixd/tag/v3.21.1/macOS",
      "https://evil.example/determinate-nixd/tag/v3.21.2/macOS",
    );
    expect(d.changes[0]?.kind).toBe("source-changed");
    expect(d.changes[0]?.release).toBeUndefined();
    expect(d.findings.map((f) => f.rule)).toEqual(["source-changed"]);
  });
});
