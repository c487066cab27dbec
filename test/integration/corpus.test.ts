import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSbom } from "../../src/app/sbom.js";
import { parseFlakeLock } from "../../src/ingest/lock/flake-lock.js";
import { renderCycloneDx } from "../../src/render/sbom/serialize.js";
import { renderIssues } from "../../src/render/issue-text.js";
import { CORPUS, hasCorpus } from "../support/paths.js";
import { TEST_TOOL, testFiles, validateBom } from "../support/sbom.js";

interface Source {
  readonly file: string;
  readonly lockVersion: string;
  readonly category: string;
}

function sources(): Source[] {
  const [header, ...rows] = readFileSync(path.join(CORPUS, "SOURCES.tsv"), "utf8").trim().split("\n");
  const cols = header!.split("\t");
  const at = (row: string[], name: string): string => row[cols.indexOf(name)] ?? "";
  return rows
    .map((r) => r.split("\t"))
    .filter((r) => at(r, "kind") === "flake.lock")
    .map((r) => ({ file: at(r, "file"), lockVersion: at(r, "lock_version"), category: at(r, "category") }));
}

type Json = Record<string, unknown>;
const sortKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sortKeys)
    : v !== null && typeof v === "object"
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortKeys((v as Json)[k])]),
        )
      : v;

/**
 * Counted straight from the JSON, independently of the model: nodes reached from the root through
 * node-key edges, keyed by their effective locked attributes (v5 info merged, GitHub owner and repo
 * lowercased), plus the parent of relative path inputs.
 */
function distinctLockedSources(text: string): number {
  const lock = JSON.parse(text) as { root: string; nodes: Record<string, Json> };
  const seen = new Set<string>([lock.root]);
  const todo = [lock.root];
  const distinct = new Set<string>();
  while (todo.length > 0) {
    const node = lock.nodes[todo.pop()!]!;
    for (const edge of Object.values((node["inputs"] ?? {}) as Record<string, unknown>)) {
      if (typeof edge === "string" && !seen.has(edge)) {
        seen.add(edge);
        todo.push(edge);
        const n = lock.nodes[edge]!;
        const locked = { ...(n["locked"] as Json), ...((n["info"] ?? {}) as Json) };
        // GitHub owners and repositories are case-insensitive (NixOS/nixpkgs = nixos/nixpkgs).
        if (locked["type"] === "github") for (const k of ["owner", "repo"]) locked[k] = String(locked[k]).toLowerCase();
        const relative = locked["type"] === "path" && !String(locked["path"]).startsWith("/");
        distinct.add(JSON.stringify([sortKeys(locked), relative ? (n["parent"] ?? []) : null]));
      }
    }
  }
  return distinct.size;
}

describe.skipIf(!hasCorpus)("real flake.lock corpus (../shared/corpus)", () => {
  const all = hasCorpus ? sources() : [];
  const readable = all.filter((s) => ["5", "6", "7"].includes(s.lockVersion));
  const legacy = all.filter((s) => ["1", "2", "3", "4"].includes(s.lockVersion));
  const malformed = all.filter((s) => s.lockVersion === "INVALID-JSON");

  it("has files of every kind the README describes", () => {
    expect(readable.length).toBeGreaterThan(80);
    expect(legacy.length).toBeGreaterThan(0);
    expect(malformed.length).toBe(1);
  });

  it.each(readable.map((s) => s.file))(
    "%s: parses, one component per distinct locked source, valid SBOM",
    async (file) => {
      const full = path.join(CORPUS, file);
      const text = readFileSync(full, "utf8");
      const parsed = parseFlakeLock(text, file);
      if (!parsed.ok) throw new Error(renderIssues(parsed.error));
      const { model } = await buildSbom(
        { lockPath: full, tool: TEST_TOOL, reproducible: true, name: "corpus" },
        testFiles,
      );
      expect(model.inventory?.inputs.length).toBe(distinctLockedSources(text));
      const bom = renderCycloneDx(model, "1.6", "json");
      expect(await validateBom(bom, "1.6", "json")).toBeNull();
    },
  );

  it.each(legacy.map((s) => s.file))("%s: a clear unsupported-version error", (file) => {
    const r = parseFlakeLock(readFileSync(path.join(CORPUS, file), "utf8"), file);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error[0]?.message).toMatch(/unsupported lock version [1-4]/);
    expect(!r.ok && r.error[0]?.next).toMatch(/predate the first Nix release with flakes/);
  });

  it.each(malformed.map((s) => s.file))("%s: invalid JSON with line, column and a merge-conflict hint", (file) => {
    const r = parseFlakeLock(readFileSync(path.join(CORPUS, file), "utf8"), file);
    expect(!r.ok && r.error[0]?.position?.line).toBeGreaterThan(1);
    expect(!r.ok && r.error[0]?.next).toMatch(/merge-conflict/);
  });
});

describe.runIf(!hasCorpus)("real flake.lock corpus", () => {
  it("is skipped: ../shared/corpus is not present next to this checkout", () => {
    console.warn("SKIPPED: corpus tests need ../shared/corpus (not present)");
  });
});

type Side = Map<string, string>;
/** path → what the path means in one lock, computed from the JSON alone (no model): a follows or the locked facts. */
function sides(text: string): Side {
  const lock = JSON.parse(text) as { root: string; nodes: Record<string, Json> };
  const out: Side = new Map();
  const queue: Array<[string, string[]]> = [[lock.root, []]];
  const expanded = new Map<string, number>();
  for (let head = 0; head < queue.length; head++) {
    const [key, at] = queue[head]!;
    for (const [name, edge] of Object.entries((lock.nodes[key]?.["inputs"] ?? {}) as Record<string, unknown>)) {
      const p = [...at, name];
      if (Array.isArray(edge)) {
        out.set(p.join("/"), `follows:${edge.join("/")}`);
        continue;
      }
      const n = lock.nodes[edge as string]!;
      const locked = { ...(n["locked"] as Json), ...((n["info"] ?? {}) as Json) };
      out.set(
        p.join("/"),
        JSON.stringify([sortKeys(locked), (n["original"] as Json | undefined)?.["ref"] ?? null, n["flake"] ?? true]),
      );
      const times = expanded.get(edge as string) ?? 0;
      if (times < 64 && !at.includes(name)) {
        expanded.set(edge as string, times + 1);
        queue.push([edge as string, p]);
      }
    }
  }
  return out;
}

describe.skipIf(!hasCorpus)("real lock updates (../shared/corpus/pairs.tsv)", () => {
  const pairs = hasCorpus
    ? readFileSync(path.join(CORPUS, "pairs.tsv"), "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split("\t"))
    : [];
  it.each(pairs.map((p) => [`${p[0]} ${p[1]?.slice(0, 8)}→${p[2]?.slice(0, 8)}`, p[3]!, p[4]!]))(
    "%s: diffs, and its counts match the locks",
    async (_name, oldFile, newFile) => {
      const { runCli } = await import("../support/cli.js");
      const r = await runCli([
        "diff",
        path.join(CORPUS, oldFile),
        path.join(CORPUS, newFile),
        "--lock-only",
        "--format",
        "json",
      ]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as {
        changes: Array<{
          input: string;
          kind: string;
          subtreeFollows?: Array<{ kind: string }>;
          subtreeSources?: Array<{ kind: string }>;
        }>;
        unchangedCount: number;
      };
      const [a, b] = [
        sides(readFileSync(path.join(CORPUS, oldFile), "utf8")),
        sides(readFileSync(path.join(CORPUS, newFile), "utf8")),
      ];
      const added = [...b.keys()].filter((k) => !a.has(k)).length;
      const removed = [...a.keys()].filter((k) => !b.has(k)).length;
      const changed = [...a.keys()].filter(
        (k) => b.has(k) && a.get(k) !== b.get(k) && !(a.get(k)!.startsWith("follows:") && a.get(k) === b.get(k)),
      ).length;
      const count = (kind: string) => report.changes.filter((c) => c.kind === kind).length;
      // Inputs and follows that came or went with an added, removed or toggled input are listed under it.
      const folded = (kind: string) =>
        report.changes
          .flatMap((c) => [...(c.subtreeFollows ?? []), ...(c.subtreeSources ?? [])])
          .filter((f) => f.kind === kind).length;
      expect(count("added") + folded("added")).toBe(added);
      expect(count("removed") + folded("removed")).toBe(removed);
      expect(report.changes.length - count("added") - count("removed")).toBe(changed);
    },
  );
});
