import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatInputPath } from "../../src/domain/lock/input-path.js";
import { buildInventory } from "../../src/domain/lock/inventory.js";
import { resolveInputPath } from "../../src/domain/lock/follows.js";
import { parseFlakeLock } from "../../src/ingest/lock/flake-lock.js";
import { serializeFlakeLock } from "../../src/ingest/lock/flake-lock-write.js";
import { renderCycloneDx } from "../../src/render/sbom/serialize.js";
import { lockFixture, lockFixtures } from "../support/paths.js";
import { TEST_TOOL } from "../support/sbom.js";

const NAR = "sha256-FGwZa7QdmFBZrbu39ajcTrkEFmqJclY0fxkMmut5lww=";
type Json = Record<string, unknown>;

/**
 * A random valid v7 lock: a tree of inputs (node keys made unique as Nix does, name_2, name_3, …),
 * some edges replaced by follows to paths that already exist, so every follows resolves.
 */
const lockArb = fc
  .array(
    fc.record({
      parent: fc.nat(),
      name: fc.constantFrom("nixpkgs", "utils", "systems", "lib", "home-manager"),
      follows: fc.option(fc.nat(), { nil: undefined }),
      rev: fc.nat(3),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((specs) => {
    const nodes: Record<string, Json> = { root: { inputs: {} } };
    const entries: Array<{ key: string; path: string[] }> = [{ key: "root", path: [] }];
    const used = new Map<string, number>();
    const expected = new Map<string, string>(); // input path → node key it must resolve to
    for (const s of specs) {
      const parent = entries[s.parent % entries.length]!;
      const node = nodes[parent.key]!;
      node["inputs"] ??= {};
      const inputs = node["inputs"] as Record<string, unknown>;
      if (s.name in inputs) continue;
      const path = [...parent.path, s.name];
      const targets = entries.filter(
        (e) =>
          e.key !== "root" &&
          e.path.length > 0 &&
          !(e.path.length >= path.length && path.every((p, i) => e.path[i] === p)),
      );
      if (s.follows !== undefined && targets.length > 0 && parent.key !== "root") {
        const t = targets[s.follows % targets.length]!;
        inputs[s.name] = t.path;
        expected.set(path.join("/"), t.key);
        continue;
      }
      const n = (used.get(s.name) ?? 0) + 1;
      used.set(s.name, n);
      const key = n === 1 ? s.name : `${s.name}_${n}`;
      const rev = String(s.rev).repeat(40);
      nodes[key] = {
        locked: { lastModified: 1704164645, narHash: NAR, owner: "o", repo: s.name, rev, type: "github" },
        original: { owner: "o", repo: s.name, type: "github" },
      };
      inputs[s.name] = key;
      entries.push({ key, path });
      expected.set(path.join("/"), key);
    }
    for (const node of Object.values(nodes))
      if (Object.keys((node["inputs"] ?? {}) as Json).length === 0) delete node["inputs"];
    return { text: `${JSON.stringify(sortDeep({ nodes, root: "root", version: 7 }), null, 2)}\n`, expected };
  });

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortDeep((v as Json)[k])]),
    );
  return v;
}

describe("property: random valid locks with follows", () => {
  it("round-trip byte for byte through the model, and every input path resolves where it should", () => {
    fc.assert(
      fc.property(lockArb, ({ text, expected }) => {
        const r = parseFlakeLock(text, "random.lock");
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(serializeFlakeLock(r.value)).toBe(text);
        for (const [path, key] of expected) {
          const got = resolveInputPath(r.value.nodes, r.value.root, path.split("/"));
          expect(got.ok && got.value).toBe(key);
        }
        const inv = buildInventory(r.value);
        const listed = new Set(inv.inputs.flatMap((i) => i.paths.map(formatInputPath)));
        for (const path of expected.keys()) expect(listed.has(path), path).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    kind: fc.constant("edge" as const),
    at: fc.nat(),
    value: fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })),
  }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), value: fc.string({ minLength: 1, maxLength: 3 }) }),
);

function paths(v: unknown, prefix: string[] = []): string[][] {
  if (v === null || typeof v !== "object") return [prefix];
  return [prefix, ...Object.keys(v).flatMap((k) => paths((v as Json)[k], [...prefix, k]))];
}

function apply(text: string, m: { kind: string; at: number; value?: unknown }): string {
  if (m.kind === "cut") return text.slice(0, m.at % (text.length + 1));
  if (m.kind === "insert") {
    const at = m.at % (text.length + 1);
    return text.slice(0, at) + String(m.value) + text.slice(at);
  }
  const doc = JSON.parse(text) as Json;
  const all = paths(doc).filter((p) => p.length > 0 && (m.kind !== "edge" || p.includes("inputs")));
  const target = all[m.at % Math.max(all.length, 1)];
  if (target === undefined) return text;
  const parent = target.slice(0, -1).reduce<Json>((o, k) => o[k] as Json, doc);
  const last = target[target.length - 1]!;
  if (m.kind === "delete") delete parent[last];
  else parent[last] = m.value;
  return JSON.stringify(doc);
}

describe("property: random mutations of real locks never crash", () => {
  const seeds = lockFixtures("valid").map((f) => readFileSync(lockFixture("valid", f), "utf8"));
  it("parse → inventory → SBOM either succeeds or returns issues", () => {
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (i, ms) => {
        const text = ms.reduce((t, m) => {
          try {
            return apply(t, m);
          } catch {
            return t; // the text is no longer JSON: further structural mutations do not apply
          }
        }, seeds[i]!);
        const r = parseFlakeLock(text, "mutated.lock");
        if (!r.ok) {
          expect(r.error.length).toBeGreaterThan(0);
          for (const issue of r.error) expect(typeof issue.message).toBe("string");
          return;
        }
        const inventory = buildInventory(r.value);
        renderCycloneDx({ tool: TEST_TOOL, flakeName: "m", inventory, reproducible: true, gaps: [] }, "1.6", "json");
      }),
      { numRuns: 500 },
    );
  });
});
