import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFlakeLock } from "../../src/ingest/lock/flake-lock.js";
import { renderIssues } from "../../src/render/issue-text.js";
import { lockFixture, lockFixtures } from "../support/paths.js";

const read = (kind: "valid" | "invalid", name: string): string => readFileSync(lockFixture(kind, name), "utf8");

describe("valid fixtures parse", () => {
  it.each(lockFixtures("valid"))("%s", (name) => {
    const r = parseFlakeLock(read("valid", name), name);
    if (!r.ok) throw new Error(renderIssues(r.error));
    expect(r.value.nodes.has(r.value.root)).toBe(true);
  });
});

describe("invalid fixtures give a clear issue list", () => {
  it.each(lockFixtures("invalid"))("%s", async (name) => {
    const r = parseFlakeLock(read("invalid", name), name);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const issue of r.error) {
      expect(issue.origin).toBe(name);
      expect(issue.message.length).toBeGreaterThan(5);
    }
    await expect(renderIssues(r.error)).toMatchFileSnapshot(`../golden/issues/${name.replace(/\.lock$/, ".txt")}`);
  });
});

describe("specific behaviours", () => {
  const base = {
    nodes: {
      root: { inputs: { a: "a" } },
      a: {
        locked: {
          type: "github",
          owner: "o",
          repo: "r",
          rev: "0".repeat(40),
          narHash: "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=",
        },
        original: { type: "github", owner: "o", repo: "r" },
      },
    },
    root: "root",
    version: 7,
  };

  it("reports invalid JSON with line and column", () => {
    const r = parseFlakeLock('{\n  "nodes": {,\n}', "x.lock");
    expect(!r.ok && r.error[0]?.position).toEqual({ line: 2, column: 13 });
  });

  it("hints at merge conflicts", () => {
    const r = parseFlakeLock(read("invalid", "merge-conflict.lock"), "x");
    expect(!r.ok && r.error[0]?.next).toMatch(/merge-conflict markers/);
  });

  it("strips a UTF-8 byte order mark", () => {
    expect(parseFlakeLock(`\ufeff${JSON.stringify(base)}`, "x").ok).toBe(true);
  });

  it("keeps an unknown input type as data", () => {
    const lock = structuredClone(base);
    (lock.nodes.a.locked as Record<string, unknown>) = {
      type: "fossil",
      url: "https://f.example/r",
      narHash: base.nodes.a.locked.narHash,
    };
    const r = parseFlakeLock(JSON.stringify(lock), "x");
    expect(r.ok && r.value.nodes.get("a" as never)?.locked).toMatchObject({ type: "unknown", declaredType: "fossil" });
  });

  it("merges a version 5 info object over locked (info wins)", () => {
    const lock = { ...structuredClone(base), version: 5 } as Record<string, unknown> & typeof base;
    (lock.nodes.a as Record<string, unknown>)["info"] = { lastModified: 42, narHash: base.nodes.a.locked.narHash };
    (lock.nodes.a.locked as Record<string, unknown>)["lastModified"] = 1;
    const r = parseFlakeLock(JSON.stringify(lock), "x");
    expect(r.ok && r.value.nodes.get("a" as never)?.locked?.lastModified).toBe(42);
  });

  it("removes credentials from URLs", () => {
    const r = parseFlakeLock(read("valid", "other-kinds.lock"), "x");
    const text = JSON.stringify(r.ok && [...r.value.nodes.values()].map((n) => n.locked?.attrs));
    expect(text).not.toMatch(/hunter2|SECRET123/);
    expect(text).toContain("https://example.org/src.tar.gz?v=1");
  });

  it("collects every issue, not only the first", () => {
    const lock = structuredClone(base) as { nodes: Record<string, { inputs?: Record<string, unknown> }> };
    lock.nodes["root"]!.inputs = { a: "missing1", b: "missing2", c: ["nothere"] };
    const r = parseFlakeLock(JSON.stringify(lock), "x");
    expect(!r.ok && r.error.length).toBe(3);
  });
});
